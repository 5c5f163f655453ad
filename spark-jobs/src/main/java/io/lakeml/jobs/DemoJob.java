package io.lakeml.jobs;

import io.lakeml.config.Settings;
import org.apache.spark.sql.SparkSession;

/** The embedded demo: import the bundled CSV into the lake (once), then run AutoML on it. */
public final class DemoJob {
  private DemoJob() {}

  public static void main(String[] args) {
    JobRunner.main("demo", args, DemoJob::run);
  }

  public static void run(SparkSession spark, Settings settings) {
    ImportCsvJob.run(spark, settings);
    AutoMLJob.run(spark, settings);
  }
}
