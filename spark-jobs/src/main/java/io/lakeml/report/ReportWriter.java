package io.lakeml.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a report's index.html through Hadoop's FileSystem (local, HDFS, s3a...) so that a reader
 * sees the old complete page or the new one, never half a page: the page is written to a staging
 * file beside it, the old page (a rerun of the same run id) is renamed aside, the new one renamed
 * in, the old one deleted. As in io.lakeml.lake.ModelStore, rename is atomic on local file systems
 * and HDFS; on object stores it is a copy, so a reader may briefly see no page.
 */
public final class ReportWriter {
  public static final String INDEX = "index.html";

  private ReportWriter() {}

  /** Writes reportFolder/index.html, replacing any previous one; returns its path. */
  public static String write(SparkSession spark, String reportFolder, String html) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path folder = new Path(reportFolder);
    Path dest = new Path(folder, INDEX);
    String unique = UUID.randomUUID().toString().substring(0, 8);
    Path staging = new Path(folder, "._staging-" + INDEX + "-" + unique);
    Path trash = new Path(folder, "._old-" + INDEX + "-" + unique);
    try {
      FileSystem fs = dest.getFileSystem(conf);
      fs.mkdirs(folder);
      try (OutputStream out = fs.create(staging, false)) {
        out.write(html.getBytes(StandardCharsets.UTF_8));
      }
      boolean hadOld = fs.exists(dest);
      if (hadOld && !fs.rename(dest, trash)) {
        throw new IOException("cannot move the previous report " + dest + " aside");
      }
      if (!fs.rename(staging, dest)) {
        if (hadOld) {
          fs.rename(trash, dest);
        }
        throw new IOException("cannot rename " + staging + " to " + dest);
      }
      if (hadOld) {
        fs.delete(trash, false);
      }
      return dest.toString();
    } catch (IOException e) {
      deleteQuietly(conf, staging);
      throw new UncheckedIOException("Writing the report " + dest + " failed", e);
    }
  }

  private static void deleteQuietly(Configuration conf, Path path) {
    try {
      path.getFileSystem(conf).delete(path, false);
    } catch (IOException ignored) {
      // best effort: a staging file left behind is never read
    }
  }
}
