package io.lakeml.lake;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;

/**
 * Saves a model folder (Spark ML PipelineModel under model/, plus side files such as
 * provenance.json) so that readers see either the old complete folder or the new one: it is
 * written to a staging folder beside the target and renamed into place. Rename is atomic on local
 * file systems and HDFS; on object stores (S3) it is a copy, so a reader may briefly see none.
 */
public final class ModelStore {
  private final SparkSession spark;

  public ModelStore(SparkSession spark) {
    this.spark = spark;
  }

  public void save(String target, PipelineModel model, Map<String, String> sideFiles) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path dest = new Path(target);
    String unique = UUID.randomUUID().toString().substring(0, 8);
    Path staging = new Path(dest.getParent(), "._staging-" + dest.getName() + "-" + unique);
    Path trash = new Path(dest.getParent(), "._old-" + dest.getName() + "-" + unique);
    try {
      FileSystem fs = dest.getFileSystem(conf);
      model.write().save(new Path(staging, "model").toString());
      for (Map.Entry<String, String> file : sideFiles.entrySet()) {
        try (OutputStream out = fs.create(new Path(staging, file.getKey()), false)) {
          out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        }
      }
      boolean hadOld = fs.exists(dest);
      if (hadOld && !fs.rename(dest, trash)) {
        throw new IOException("cannot move the previous model " + dest + " aside");
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
      throw new UncheckedIOException("Saving the model to " + target + " failed", e);
    }
  }

  /** The Spark ML model inside a saved model folder. */
  public static String modelPath(String modelFolder) {
    return modelFolder + "/model";
  }

  private static void deleteQuietly(Configuration conf, Path path) {
    try {
      path.getFileSystem(conf).delete(path, true);
    } catch (IOException ignored) {
      // best effort: a staging folder left behind is never read
    }
  }
}
