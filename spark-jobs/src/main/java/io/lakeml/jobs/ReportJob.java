package io.lakeml.jobs;

import io.lakeml.config.Settings;
import io.lakeml.lake.LakePaths;
import io.lakeml.report.RunReport;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * spark-submit entry point: (re)writes the HTML report of the run given by --run-id from the
 * lake's tables, e.g. after a report change or for a run made before reports existed. A run id
 * with no automl/runs row (also one the config invented because --run-id was not given) fails
 * with exit code 2.
 */
public final class ReportJob {
  private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);

  private ReportJob() {}

  public static void main(String[] args) {
    JobRunner.main("report", args, ReportJob::run);
  }

  /** Returns the path of the written index.html. */
  public static String run(SparkSession spark, Settings settings) {
    String path = RunReport.write(spark, new LakePaths(settings.lakeRoot()), settings.run().id());
    LOG.info("Report of run {} written to {}", settings.run().id(), path);
    return path;
  }
}
