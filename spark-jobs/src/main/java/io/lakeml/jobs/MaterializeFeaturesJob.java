package io.lakeml.jobs;

import io.lakeml.config.Settings;
import io.lakeml.features.FeatureMaterialization;
import io.lakeml.features.Materialization;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * spark-submit entry point: materialize the feature tables of lakeml.feature-store (those in
 * lakeml.feature-store.materialize, or all): MERGE each source into its Delta table, profile the
 * new version into _stats and log the run in _materializations under this job's run id.
 */
public final class MaterializeFeaturesJob {
  private MaterializeFeaturesJob() {}

  public static void main(String[] args) {
    JobRunner.main("materialize-features", args, MaterializeFeaturesJob::run);
  }

  public static List<Materialization> run(SparkSession spark, Settings settings) {
    return new FeatureMaterialization(spark, settings.featureStore().store())
        .run(settings.run().id(), settings.featureStore().tablesToMaterialize());
  }
}
