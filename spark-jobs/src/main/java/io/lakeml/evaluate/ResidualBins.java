package io.lakeml.evaluate;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.lakeml.evaluate.EvaluationTable.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A regression model's rows cut at the deciles of its prediction (one grouped job): per bin the
 * mean prediction and mean residual (residual_bins: is the model biased at the low or high end?)
 * and the share of rows with the bin's edges (prediction_dist: the prediction drift baseline).
 */
final class ResidualBins {
  private ResidualBins() {}

  /** Bin i holds predictions in (edges[i-1], edges[i]]; the last bin is above every edge. */
  static Column bin(Column prediction, List<Double> edges) {
    Column bin = lit(edges.size());
    for (int i = edges.size() - 1; i >= 0; i--) {
      bin = when(prediction.leq(edges.get(i)), lit(i)).otherwise(bin);
    }
    return bin;
  }

  static List<Point> points(Dataset<Row> scored, Column residual, List<Double> edges) {
    List<Row> rows = scored.groupBy(bin(col("prediction"), edges).as("b"))
        .agg(count(lit(1)), avg(col("prediction")), avg(residual), min(col("prediction")),
            max(col("prediction")))
        .orderBy("b").collectAsList();
    long total = rows.stream().mapToLong(r -> r.getLong(1)).sum();
    List<Point> out = new ArrayList<>();
    for (Row r : rows) {
      int b = r.getInt(0);
      long n = r.getLong(1);
      double lo = b == 0 ? r.getDouble(4) : edges.get(b - 1);
      double hi = b == edges.size() ? r.getDouble(5) : edges.get(b);
      String label = String.format(Locale.ROOT, "%.4g..%.4g", lo, hi);
      out.add(Point.xy("residual_bins", b, label, r.getDouble(2), r.getDouble(3), null, n));
      out.add(Point.xy("prediction_dist", b, label, lo, hi, n / (double) total, n));
    }
    return out;
  }
}
