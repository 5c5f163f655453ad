package io.lakeml.jobs;

import io.lakeml.config.Settings;
import io.lakeml.lake.LakePaths;
import io.lakeml.score.BatchScorer;
import org.apache.spark.sql.SparkSession;

/**
 * spark-submit entry point: batch scoring of lakeml.score.input with a registered version of
 * lakeml.registry.model (the champion unless lakeml.score.model-version is set) into
 * predictions/&lt;model&gt;, keyed by this job's run id.
 */
public final class ScoreJob {
  private ScoreJob() {}

  public static void main(String[] args) {
    JobRunner.main("score", args, ScoreJob::run);
  }

  public static BatchScorer.Scored run(SparkSession spark, Settings settings) {
    return new BatchScorer(spark, new LakePaths(settings.lakeRoot())).score(settings.run().id(),
        settings.registry().modelOr(settings.run().name()), settings.score(),
        settings.featureStore().store());
  }
}
