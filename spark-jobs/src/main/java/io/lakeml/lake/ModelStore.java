package io.lakeml.lake;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;

/**
 * Saves a model folder (Spark ML PipelineModel under model/, plus side files such as
 * provenance.json) atomically ({@link AtomicReplace}): readers see the old complete folder or the
 * new one.
 */
public final class ModelStore {
  private final SparkSession spark;

  public ModelStore(SparkSession spark) {
    this.spark = spark;
  }

  public void save(String target, PipelineModel model, Map<String, String> sideFiles) {
    AtomicReplace.replace(spark, target, "model", (fs, staging) -> {
      model.write().save(new Path(staging, "model").toString());
      for (Map.Entry<String, String> file : sideFiles.entrySet()) {
        try (OutputStream out = fs.create(new Path(staging, file.getKey()), false)) {
          out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        }
      }
    });
  }

  /** The Spark ML model inside a saved model folder. */
  public static String modelPath(String modelFolder) {
    return modelFolder + "/model";
  }
}
