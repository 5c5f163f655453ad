package io.lakeml.jobs;

import io.lakeml.config.Settings;
import io.lakeml.pipeline.AutoMLPipeline;
import io.lakeml.pipeline.RunSummary;
import org.apache.spark.sql.SparkSession;

/** spark-submit entry point: the whole AutoML pipeline on lakeml.input. */
public final class AutoMLJob {
  private AutoMLJob() {}

  public static void main(String[] args) {
    JobRunner.main("automl", args, AutoMLJob::run);
  }

  public static RunSummary run(SparkSession spark, Settings settings) {
    return new AutoMLPipeline(spark, settings).run();
  }
}
