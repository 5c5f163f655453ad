package io.lakeml.intake;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * automl/profiles: one row per input column per run, with its statistics, semantic type, decision
 * and reason, leakage score, top values or histogram; the baseline for drift monitoring.
 * rows, nulls and the other statistics cover all labelled rows; top values and histogram are
 * counted on the training rows only (no holdout label reaches a leakage score): bucket_rows and
 * bucket_nulls say how many rows, and nulls among them, those counts cover.
 */
public final class ProfileTable {
  static final StructType VALUE_COUNT = new StructType().add("value", StringType)
      .add("count", LongType);

  public static final StructType SCHEMA = new StructType()
      .add("run_id", StringType, false).add("column", StringType, false)
      .add("position", IntegerType).add("data_type", StringType)
      .add("semantic_type", StringType).add("role", StringType).add("kept", BooleanType)
      .add("reason", StringType).add("rows", LongType).add("nulls", LongType)
      .add("null_share", DoubleType).add("distinct_approx", LongType)
      .add("min", StringType).add("max", StringType).add("mean", DoubleType)
      .add("stddev", DoubleType).add("quantiles", createMapType(StringType, DoubleType))
      .add("bin_edges", createArrayType(DoubleType)).add("histogram", createArrayType(LongType))
      .add("top_values", createArrayType(VALUE_COUNT))
      .add("bucket_rows", LongType).add("bucket_nulls", LongType)
      .add("avg_length", DoubleType).add("avg_words", DoubleType)
      .add("leakage_score", DoubleType).add("input_ref", StringType)
      .add("input_version", LongType).add("profiled_at", TimestampType);

  private ProfileTable() {}

  public static Dataset<Row> rows(SparkSession spark, String runId, IntakeResult intake,
      String inputRef, long inputVersion, Instant at) {
    List<Row> rows = new ArrayList<>();
    for (ColumnProfile p : intake.columns()) {
      ColumnStats s = p.stats();
      List<Row> top = p.topValues().stream()
          .map(v -> RowFactory.create(v.value(), v.count())).toList();
      rows.add(RowFactory.create(runId, p.column(), p.position(), s.dataType(), p.type().id(),
          p.role(), p.kept(), p.reason(), s.rows(), s.nulls(), s.nullShare(),
          s.distinct() < 0 ? null : s.distinct(), s.min(), s.max(), finite(s.mean()),
          finite(s.stddev()), CollectionConverters.asScala(s.quantiles()),
          seq(s.binEdges()), seq(p.histogram()), seq(top), p.bucketRows(), p.bucketNulls(),
          s.avgLength(), s.avgWords(),
          p.leakageScore(), inputRef, inputVersion, Timestamp.from(at)));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static Double finite(Double v) {
    return v == null || v.isNaN() || v.isInfinite() ? null : v;
  }

  private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return CollectionConverters.asScala(list).toList();
  }
}
