package io.lakeml.monitor;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import io.lakeml.registry.ModelInfo;
import io.lakeml.score.PredictionColumns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the training run's records into {@link Buckets}: automl/profiles rows into one bucketing
 * per model feature (numeric: the profile's bins plus nulls; categorical, or numeric counted by
 * value: its top values, "other" and nulls) and automl/evaluations prediction_dist rows into the
 * prediction's bucketing (binary: ten bins of P(positive); multiclass: predicted classes;
 * regression: the holdout's prediction bins). Each bucket expression mirrors how the baseline
 * was counted, so a row falls in the same bucket it would have fallen in at training.
 */
final class Baseline {
  private static final Logger LOG = LoggerFactory.getLogger(Baseline.class);

  private Baseline() {}

  /**
   * One bucketing per model feature with a profile to compare with, in the model's input order.
   * profileRows: the model run's automl/profiles rows with role feature and kept; features
   * without a histogram or top values (dates, free text) are not checked, and logged.
   */
  static List<Buckets> features(List<Row> profileRows, ModelInfo model) {
    Map<String, Row> byColumn = new LinkedHashMap<>();
    profileRows.forEach(r -> byColumn.put(r.getAs("column"), r));
    List<Buckets> out = new ArrayList<>();
    for (ModelInfo.Feature f : model.features()) {
      Row p = byColumn.get(f.name());
      List<Double> edges = p == null ? List.of() : list(p, "bin_edges");
      List<Long> histogram = p == null ? List.of() : list(p, "histogram");
      List<Row> top = p == null ? List.of() : list(p, "top_values");
      if (p == null) {
        LOG.warn("Feature {} has no kept feature row in the training profile; not checked",
            f.name());
      } else if (p.isNullAt(p.fieldIndex("bucket_rows"))) {
        LOG.warn("Feature {}: its training profile (run {}) does not say how many rows its "
            + "histogram counted (bucket_rows); not checked", f.name(), model.runId());
      } else if (!histogram.isEmpty() && histogram.size() == edges.size() + 1) {
        out.add(numeric(f.name(), edges, histogram, count(p, "bucket_nulls")));
      } else if (!top.isEmpty()) {
        out.add(categorical(f.name(), top, count(p, "bucket_rows"), count(p, "bucket_nulls")));
      } else {
        LOG.info("Feature {} ({}) has neither bins nor top values in its profile; not checked",
            f.name(), f.semanticType());
      }
    }
    return out;
  }

  /**
   * At most this many numeric bins: the profile's equal-frequency bins are merged in runs of
   * consecutive ones. PSI over b bins of n rows is about (b - 1) / n by chance alone (0.16 for
   * the profile's 50 bins on 300 rows, 0.03 for 10), so fine bins would flag noise as drift.
   */
  static final int PSI_BINS = 10;

  /**
   * Bin i: values with i edges strictly below them (as the profiler's histogram counts); runs of
   * k consecutive bins merged: coarse bin j = fine bins jk..jk+k-1, which is exactly "j of the
   * edges k-1, 2k-1, ... strictly below the value".
   */
  static Buckets numeric(String column, List<Double> fineEdges, List<Long> fineHistogram,
      long nulls) {
    int k = (fineHistogram.size() + PSI_BINS - 1) / PSI_BINS;
    List<Double> edges = new ArrayList<>();
    for (int i = k - 1; i < fineEdges.size(); i += k) {
      edges.add(fineEdges.get(i));
    }
    long[] histogram = new long[edges.size() + 1];
    for (int i = 0; i < fineHistogram.size(); i++) {
      histogram[i / k] += fineHistogram.get(i);
    }
    Map<String, Long> expected = new LinkedHashMap<>();
    for (int i = 0; i < histogram.length; i++) {
      expected.put(String.valueOf(i), histogram[i]);
    }
    expected.put(Buckets.NULL, nulls);
    Column c = col(quote(column));
    return new Buckets(Check.FEATURE, column, when(c.isNull(), lit(Buckets.NULL))
        .otherwise(binBelow(c.cast("double"), edges)), expected);
  }

  /**
   * Top values, then "other" (the rest of the non-null rows), then nulls; rows and nulls: those
   * the top values were counted on (the profile's bucket_rows and bucket_nulls).
   */
  static Buckets categorical(String column, List<Row> top, long rows, long nulls) {
    Map<String, Long> expected = new LinkedHashMap<>();
    long listed = 0;
    for (Row v : top) {
      // ProfileTable's top_values struct: (value, count).
      long n = v.getLong(1);
      expected.put(v.getString(0), n);
      listed += n;
    }
    expected.put(Buckets.OTHER, Math.max(0, rows - nulls - listed));
    expected.put(Buckets.NULL, nulls);
    Column c = col(quote(column));
    return new Buckets(Check.FEATURE, column, byValue(c.cast("string"), expected), expected);
  }

  /**
   * The prediction's bucketing from the best candidate's prediction_dist rows; empty when the
   * model run has none (evaluation off or an older run), logged.
   */
  static Optional<Buckets> prediction(List<Row> distRows, ModelInfo model) {
    if (distRows.isEmpty()) {
      LOG.warn("Model run {} has no prediction_dist rows in automl/evaluations (best candidate);"
          + " prediction drift not checked", model.runId());
      return Optional.empty();
    }
    List<Row> rows = new ArrayList<>(distRows);
    rows.sort(Comparator.comparingInt(r -> r.getInt(r.fieldIndex("seq"))));
    Map<String, Long> expected = new LinkedHashMap<>();
    Column bucket;
    if ("binary".equals(model.task())) {
      rows.forEach(r -> expected.put(String.valueOf(r.getInt(r.fieldIndex("seq"))), count(r)));
      // The evaluator's 1000 fine bins summed by tens, so edge values fall as they did there.
      Column fine = least(lit(999), greatest(lit(0), floor(col(PredictionColumns.SCORE)
          .multiply(1000))));
      bucket = floor(fine.divide(100)).cast("string");
    } else if (model.classification()) {
      rows.forEach(r -> expected.put(r.getString(r.fieldIndex("item")), count(r)));
      expected.putIfAbsent(Buckets.OTHER, 0L);
      bucket = byValue(col(PredictionColumns.PREDICTED_LABEL), expected);
    } else {
      List<Double> edges = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        expected.put(String.valueOf(i), count(rows.get(i)));
        if (i < rows.size() - 1) {
          edges.add(rows.get(i).getDouble(rows.get(i).fieldIndex("y")));
        }
      }
      // Bin b holds (edge b-1, edge b]: b = the number of upper edges strictly below the value.
      bucket = binBelow(col(PredictionColumns.PREDICTION), edges);
    }
    expected.putIfAbsent(Buckets.NULL, 0L);
    String column = "binary".equals(model.task()) ? PredictionColumns.SCORE
        : model.classification() ? PredictionColumns.PREDICTED_LABEL : PredictionColumns.PREDICTION;
    Column withNull = when(col(column).isNull(), lit(Buckets.NULL)).otherwise(bucket);
    return Optional.of(new Buckets(Check.PREDICTION, "prediction", withNull, expected));
  }

  /** The number of edges strictly below the value, as a string key. */
  private static Column binBelow(Column value, List<Double> edges) {
    if (edges.isEmpty()) {
      return lit("0");
    }
    Column[] literals = edges.stream().map(e -> lit(e.doubleValue())).toArray(Column[]::new);
    return size(filter(array(literals), e -> e.lt(value))).cast("string");
  }

  /** The value itself when it is a key of expected, null's key for null, else "other". */
  private static Column byValue(Column value, Map<String, Long> expected) {
    Object[] known = expected.keySet().stream()
        .filter(k -> !k.equals(Buckets.NULL) && !k.equals(Buckets.OTHER)).toArray();
    if (known.length == 0) {
      return when(value.isNull(), lit(Buckets.NULL)).otherwise(lit(Buckets.OTHER));
    }
    return when(value.isNull(), lit(Buckets.NULL))
        .when(value.isin(known), value).otherwise(lit(Buckets.OTHER));
  }

  static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  private static long count(Row r) {
    Object n = r.get(r.fieldIndex("count"));
    return n == null ? 0 : ((Number) n).longValue();
  }

  private static long count(Row r, String field) {
    Object n = r.get(r.fieldIndex(field));
    return n == null ? 0 : ((Number) n).longValue();
  }

  private static <T> List<T> list(Row r, String field) {
    int i = r.fieldIndex(field);
    return r.isNullAt(i) ? List.of() : r.getList(i);
  }
}
