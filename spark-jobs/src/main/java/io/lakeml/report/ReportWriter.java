package io.lakeml.report;

import io.lakeml.lake.AtomicReplace;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a report's index.html through Hadoop's FileSystem (local, HDFS, s3a...) atomically
 * ({@link AtomicReplace}): a reader sees the old complete page or the new one, never half a page.
 */
public final class ReportWriter {
  public static final String INDEX = "index.html";

  private ReportWriter() {}

  /** Writes reportFolder/index.html, replacing any previous one; returns its path. */
  public static String write(SparkSession spark, String reportFolder, String html) {
    String dest = new Path(reportFolder, INDEX).toString();
    AtomicReplace.replace(spark, dest, "report", (fs, staging) -> {
      try (OutputStream out = fs.create(staging, false)) {
        out.write(html.getBytes(StandardCharsets.UTF_8));
      }
    });
    return dest;
  }

  /** Removes a run's report folder (a rerun with reports off leaves no stale page). */
  public static void delete(SparkSession spark, String reportFolder) {
    Path folder = new Path(reportFolder);
    try {
      folder.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(folder, true);
    } catch (IOException e) {
      throw new UncheckedIOException("Removing the stale report " + folder + " failed", e);
    }
  }
}
