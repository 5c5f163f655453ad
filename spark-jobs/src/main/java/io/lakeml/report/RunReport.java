package io.lakeml.report;

import io.lakeml.lake.LakePaths;
import org.apache.spark.sql.SparkSession;

/**
 * Writes one run's report to reports/&lt;run id&gt;/index.html under the lake root: load the run's
 * rows, render, write atomically. What the pipeline and {@link io.lakeml.jobs.ReportJob} call.
 */
public final class RunReport {
  private RunReport() {}

  /** For a finished run (its automl/runs row exists; else LakemlException). Returns the path. */
  public static String write(SparkSession spark, LakePaths lake, String runId) {
    return write(spark, lake, runId, ReportData.load(spark, lake, runId));
  }

  /** For a run whose runs row is not written yet: the pipeline passes it in memory. */
  public static String write(SparkSession spark, LakePaths lake, String runId, RunInfo run) {
    return write(spark, lake, runId, ReportData.load(spark, lake, runId, run));
  }

  private static String write(SparkSession spark, LakePaths lake, String runId,
      ReportData data) {
    return ReportWriter.write(spark, lake.report(runId), HtmlReport.render(data));
  }
}
