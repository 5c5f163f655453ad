package io.lakeml.jobs;

import io.lakeml.config.Settings;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    int localCores = localCores(conf.get("spark.master", ""));
    if (localCores > 0) {
      // Delta rebuilds a table's state in 50 tasks by default, sized for clusters; on local
      // Spark that is mostly task overhead (bench/ci-time.md).
      conf.setIfMissing("spark.databricks.delta.snapshotPartitions", String.valueOf(localCores));
    }
    settings.spark().conf().forEach(conf::set);
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    spark.sparkContext().setLogLevel(settings.spark().logLevel());
    Logging.keepLakemlAtInfo();
    return spark;
  }

  /** The cores of a local master (local, local[4], local[*], local[4,2]); 0 for any other. */
  static int localCores(String master) {
    if (master.equals("local")) {
      return 1;
    }
    Matcher m = LOCAL.matcher(master);
    if (!m.matches()) {
      return 0;
    }
    return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors()
        : Math.max(1, Integer.parseInt(m.group(1)));
  }

  private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)(?:,\\d+)?]");
}
