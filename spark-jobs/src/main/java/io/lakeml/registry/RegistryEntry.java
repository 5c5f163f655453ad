package io.lakeml.registry;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One model version in automl/registry: which run made it, where it is, how good it was (CV and
 * holdout), on which data (input table and Delta version), and its stage with the time and reason
 * of the last change. promotedAt: when it last became champion (rollback restores the previous).
 */
public record RegistryEntry(String modelName, int version, String runId, String modelPath,
    String task, String metric, Double cvMean, Double holdoutValue,
    Map<String, Double> holdoutMetrics, String inputRef, Long inputVersion, Stage stage,
    Instant registeredAt, Instant stageChangedAt, Instant promotedAt, String note) {

  /** The stages of a version. */
  public enum Stage {
    CANDIDATE, CHAMPION, ARCHIVED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Stage of(String id) {
      return valueOf(id.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public static final StructType SCHEMA = new StructType()
      .add("model_name", StringType, false).add("version", IntegerType, false)
      .add("run_id", StringType, false).add("model_path", StringType, false)
      .add("task", StringType).add("metric", StringType).add("cv_mean", DoubleType)
      .add("holdout_value", DoubleType)
      .add("holdout_metrics", createMapType(StringType, DoubleType))
      .add("input_ref", StringType).add("input_version", LongType)
      .add("stage", StringType, false).add("registered_at", TimestampType, false)
      .add("stage_changed_at", TimestampType, false).add("promoted_at", TimestampType)
      .add("note", StringType);

  public RegistryEntry withVersion(int v) {
    return new RegistryEntry(modelName, v, runId, modelPath, task, metric, cvMean, holdoutValue,
        holdoutMetrics, inputRef, inputVersion, stage, registeredAt, stageChangedAt, promotedAt,
        note);
  }

  Row toRow() {
    return RowFactory.create(modelName, version, runId, modelPath, task, metric, cvMean,
        holdoutValue, CollectionConverters.asScala(holdoutMetrics), inputRef, inputVersion,
        stage.id(), Timestamp.from(registeredAt), Timestamp.from(stageChangedAt),
        promotedAt == null ? null : Timestamp.from(promotedAt), note);
  }

  static RegistryEntry fromRow(Row r) {
    Map<String, Double> holdout = new LinkedHashMap<>();
    if (!r.isNullAt(r.fieldIndex("holdout_metrics"))) {
      holdout.putAll(CollectionConverters.asJava(
          r.<scala.collection.Map<String, Double>>getAs("holdout_metrics")));
    }
    return new RegistryEntry(r.getAs("model_name"), r.<Integer>getAs("version"),
        r.getAs("run_id"), r.getAs("model_path"), r.getAs("task"), r.getAs("metric"),
        r.getAs("cv_mean"), r.getAs("holdout_value"), holdout, r.getAs("input_ref"),
        r.getAs("input_version"), Stage.of(r.getAs("stage")),
        r.<Timestamp>getAs("registered_at").toInstant(),
        r.<Timestamp>getAs("stage_changed_at").toInstant(),
        r.isNullAt(r.fieldIndex("promoted_at")) ? null
            : r.<Timestamp>getAs("promoted_at").toInstant(), r.getAs("note"));
  }

  /** One log line. */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "%s v%d (%s) run %s %s cv=%s holdout=%s%s",
        modelName, version, stage.id(), runId, metric, cvMean, holdoutValue,
        note == null ? "" : " - " + note);
  }
}
