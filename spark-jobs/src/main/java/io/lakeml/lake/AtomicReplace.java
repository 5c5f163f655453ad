package io.lakeml.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Publishes a file or folder so that a reader never sees a half-written one: it is written to a
 * staging path beside the target, the old one (a rerun of the same run id) is renamed aside, the
 * new one renamed in, the old one deleted; on failure the old one is put back and the staging
 * path removed. Each rename is atomic on local file systems and HDFS (on object stores such as
 * S3 it is a copy), but between the two renames of a replacement the target is briefly absent,
 * and a process killed right then leaves the old one under "._old-" (a rerun writes it again).
 */
public final class AtomicReplace {
  /** Writes the content at the staging path it is given. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(FileSystem fs, Path staging) throws IOException;
  }

  private AtomicReplace() {}

  /** Replaces target with what the writer wrote; what names it in the error message. */
  public static void replace(SparkSession spark, String target, String what, Writer writer) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path dest = new Path(target);
    String unique = UUID.randomUUID().toString().substring(0, 8);
    Path staging = new Path(dest.getParent(), "._staging-" + dest.getName() + "-" + unique);
    Path trash = new Path(dest.getParent(), "._old-" + dest.getName() + "-" + unique);
    try {
      FileSystem fs = dest.getFileSystem(conf);
      fs.mkdirs(dest.getParent());
      writer.writeTo(fs, staging);
      boolean hadOld = fs.exists(dest);
      if (hadOld && !fs.rename(dest, trash)) {
        throw new IOException("cannot move the previous " + what + " " + dest + " aside");
      }
      if (!fs.rename(staging, dest)) {
        if (hadOld) {
          fs.rename(trash, dest);
        }
        throw new IOException("cannot rename " + staging + " to " + dest);
      }
      if (hadOld) {
        fs.delete(trash, true);
      }
    } catch (IOException e) {
      deleteQuietly(conf, staging);
      throw new UncheckedIOException("Saving the " + what + " to " + target + " failed", e);
    }
  }

  private static void deleteQuietly(Configuration conf, Path path) {
    try {
      path.getFileSystem(conf).delete(path, true);
    } catch (IOException ignored) {
      // best effort: a staging path left behind is never read
    }
  }
}
