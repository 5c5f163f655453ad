package io.lakeml.intake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * One Spark job that counts, for every profiled feature, its values (categories) or
 * equal-frequency bins (numbers), split by label: class counts for classification, sum and sum
 * of squares for regression. At most {@link #MAX_BUCKETS} most frequent buckets per column come
 * back to the driver. Feeds the profile's top values and histograms and the leakage scores.
 */
final class BucketCounts {
  static final int MAX_BUCKETS = 1000;
  static final String NULL = "__null__";
  /** Numbers with at most this many distinct values are counted by value, not by bin. */
  static final int VALUE_BUCKETS = 100;

  /**
   * The buckets of every column, plus, per column, the rows and nulls they were counted on (all
   * of them, also when more than {@link #MAX_BUCKETS} buckets exist and only the top come back).
   */
  record Counts(Map<String, List<Bucket>> buckets, Map<String, Long> rows,
      Map<String, Long> nulls) {}

  /** One value or bin of a column: ord orders numeric buckets (value or bin index). */
  record Bucket(String value, Double ord, long count, long[] classCounts, double sumY,
      double sumY2) {}

  private BucketCounts() {}

  /** columns: name -> its stats; binned when numeric with more than VALUE_BUCKETS values. */
  static Counts compute(Dataset<Row> labelled, Map<String, ColumnStats> columns,
      Map<String, Boolean> numeric, String indexedLabel, int classes) {
    Map<String, List<Bucket>> out = new LinkedHashMap<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    Map<String, Long> nulls = new LinkedHashMap<>();
    if (columns.isEmpty()) {
      return new Counts(out, rows, nulls);
    }
    List<String> parts = new ArrayList<>();
    for (ColumnStats s : columns.values()) {
      String c = "`" + s.column().replace("`", "``") + "`";
      String name = "'" + s.column().replace("\\", "\\\\").replace("'", "\\'") + "'";
      String bucket;
      String ord;
      if (numeric.get(s.column()) && binned(s)) {
        String edges = s.binEdges().stream().map(e -> "CAST(" + e + " AS DOUBLE)")
            .collect(Collectors.joining(", "));
        String bin = "size(filter(array(" + edges + "), e -> e < CAST(" + c + " AS DOUBLE)))";
        bucket = "IF(" + c + " IS NULL, '" + NULL + "', CAST(" + bin + " AS STRING))";
        ord = "IF(" + c + " IS NULL, NULL, CAST(" + bin + " AS DOUBLE))";
      } else {
        bucket = "COALESCE(CAST(" + c + " AS STRING), '" + NULL + "')";
        ord = numeric.get(s.column()) ? "CAST(" + c + " AS DOUBLE)" : "CAST(NULL AS DOUBLE)";
      }
      parts.add(name + ", " + bucket + ", " + ord);
    }
    Dataset<Row> stacked = labelled.selectExpr("stack(" + columns.size() + ", "
        + String.join(", ", parts) + ") AS (col_name, bucket, ord)", "`" + indexedLabel + "`");
    List<Column> aggs = new ArrayList<>();
    Column y = col(indexedLabel);
    if (classes > 0) {
      for (int k = 0; k < classes; k++) {
        aggs.add(sum(when(y.equalTo(k), 1L).otherwise(0L)).alias("k" + k));
      }
    } else {
      aggs.add(sum(y).alias("sy"));
      aggs.add(sum(y.multiply(y)).alias("sy2"));
    }
    Dataset<Row> grouped = stacked.groupBy("col_name", "bucket", "ord")
        .agg(count(lit(1)).alias("n"), aggs.toArray(Column[]::new))
        .withColumn("rank", row_number().over(Window.partitionBy("col_name")
            .orderBy(col("n").desc(), col("bucket"))))
        .withColumn("total", sum(col("n")).over(Window.partitionBy("col_name")))
        .withColumn("nulls", sum(when(col("bucket").equalTo(NULL), col("n")).otherwise(0L))
            .over(Window.partitionBy("col_name")))
        .where(col("rank").leq(MAX_BUCKETS));
    for (Row r : grouped.collectAsList()) {
      rows.put(r.getString(0), r.getLong(r.fieldIndex("total")));
      nulls.put(r.getString(0), r.getLong(r.fieldIndex("nulls")));
      long[] counts = new long[Math.max(0, classes)];
      for (int k = 0; k < classes; k++) {
        counts[k] = r.getLong(r.fieldIndex("k" + k));
      }
      Object ord = r.get(r.fieldIndex("ord"));
      out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new Bucket(r.getString(1),
          ord == null ? null : ((Number) ord).doubleValue(), r.getLong(r.fieldIndex("n")), counts,
          classes > 0 ? 0 : r.getDouble(r.fieldIndex("sy")),
          classes > 0 ? 0 : r.getDouble(r.fieldIndex("sy2"))));
    }
    out.values().forEach(list -> list.sort(java.util.Comparator
        .comparingLong(Bucket::count).reversed().thenComparing(Bucket::value)));
    return new Counts(out, rows, nulls);
  }

  static boolean binned(ColumnStats s) {
    return s.distinct() > VALUE_BUCKETS && !s.binEdges().isEmpty();
  }
}
