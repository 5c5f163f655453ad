package io.lakeml.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakeml.config.LakemlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * model.json, saved in every model folder beside the Spark model: what scoring and monitoring
 * need to know without the training run: the input columns the model reads (with their Spark
 * types), the label and its classes (by index), the metric and holdout values, the binary
 * decision threshold, and where the training profile lives (the training run id).
 *
 * @param features  the input columns the model reads, in input order
 * @param threshold binary: the decision threshold on P(positive class); null otherwise
 * @param trainingSet the feature-store training set spec; null when trained on a plain table
 */
public record ModelInfo(String format, String name, String runId, String task, String label,
    List<String> classes, String metric, Map<String, Double> holdoutMetrics,
    Double threshold, String thresholdObjective, List<Feature> features, String trialId,
    String family, TrainingSetInfo trainingSet) {

  public static final String FILE = "model.json";
  public static final String FORMAT = "lakeml-model/1";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** An input column of the model: name, Spark type (simpleString, e.g. "int") and semantic type. */
  public record Feature(String name, String type, String semanticType) {}

  /**
   * How the training set was built from the feature store (null: from a plain table). Scoring
   * joins the same features to its input, as of each row's event time.
   *
   * @param maxAge          ISO-8601 duration (e.g. PT720H); null = any age
   * @param featureVersions the Delta version of every feature table read (to rebuild the set)
   */
  public record TrainingSetInfo(String storeRoot, String eventTime, List<String> keyColumns,
      List<String> features, String maxAge, Map<String, Long> featureVersions) {}

  public ModelInfo {
    classes = classes == null ? List.of() : List.copyOf(classes);
    features = List.copyOf(features);
  }

  public boolean classification() {
    return !"regression".equals(task);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ModelInfo fromJson(String json) {
    try {
      return JSON.readValue(json, ModelInfo.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a " + FORMAT + " document", e);
    }
  }

  /** Reads modelFolder/model.json through Hadoop (local, HDFS, S3...). */
  public static ModelInfo read(SparkSession spark, String modelFolder) {
    Path file = new Path(modelFolder, FILE);
    try {
      FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(file)) {
        throw new LakemlException("No " + FILE + " in the model folder " + modelFolder
            + " (saved by lakeml 0.1 AutoML runs; was the folder moved or written by another"
            + " tool?)");
      }
      try (InputStream in = fs.open(file)) {
        return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + file + " failed", e);
    }
  }

  /** Writes a side file of a model folder (used by tests and tools; AutoML saves through
   * {@link io.lakeml.lake.ModelStore}). */
  public static void write(SparkSession spark, String folder, String name, String text) {
    Path file = new Path(folder, name);
    try (OutputStream out = file.getFileSystem(spark.sparkContext().hadoopConfiguration())
        .create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Writing " + file + " failed", e);
    }
  }
}
