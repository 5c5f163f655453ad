package io.lakeml.jobs;

import io.lakeml.config.Settings;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The Spark session of a job: Delta enabled, FAIR scheduling for parallel trials, quiet logs.
 * What spark-submit or lakeml.spark.conf set explicitly is kept. */
public final class SparkSessions {
  static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";

  private SparkSessions() {}

  public static SparkSession getOrCreate(Settings settings, String appName) {
    SparkConf conf = new SparkConf();
    conf.setIfMissing("spark.app.name", "lakeml " + appName + " " + settings.run().id());
    String extensions = conf.get("spark.sql.extensions", "");
    if (!extensions.contains(DELTA_EXTENSION)) {
      conf.set("spark.sql.extensions",
          extensions.isEmpty() ? DELTA_EXTENSION : extensions + "," + DELTA_EXTENSION);
    }
    conf.setIfMissing("spark.sql.catalog.spark_catalog",
        "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    conf.setIfMissing("spark.scheduler.mode", "FAIR");
    if (!conf.contains("spark.scheduler.allocation.file")) {
      conf.set("spark.scheduler.allocation.file", FairPools.file());
    }
    conf.setIfMissing("spark.log.level", settings.spark().logLevel());
    settings.spark().conf().forEach(conf::set);
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    spark.sparkContext().setLogLevel(settings.spark().logLevel());
    Logging.keepLakemlAtInfo();
    return spark;
  }
}
