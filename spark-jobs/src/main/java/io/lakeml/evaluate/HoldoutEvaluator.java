package io.lakeml.evaluate;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.stddev;

import io.lakeml.config.EvaluateSettings.ThresholdObjective;
import io.lakeml.config.Task;
import io.lakeml.evaluate.EvaluationTable.Point;
import io.lakeml.intake.LabelInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Scores the holdout once (cached) and computes every metric of the task on it, plus the
 * evaluation points of automl/evaluations: confusion matrix (classification), ROC, PR,
 * calibration and the chosen threshold (binary), residuals (regression), the prediction
 * distribution, and feature importance.
 */
public final class HoldoutEvaluator {
  private static final double[] RESIDUAL_QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};

  private HoldoutEvaluator() {}

  /** The metrics and the evaluation points of a model on the holdout. */
  public record Result(Map<String, Double> metrics, List<Point> points) {}

  /**
   * classes: the label's classes by index (classification); importance: whether to report the
   * model's feature importance (not for stacked ensembles, whose members share the features).
   */
  public static Result evaluate(PipelineModel model, Dataset<Row> holdout, Task task,
      List<String> classes, ThresholdObjective objective, boolean importance) {
    Dataset<Row> scored = model.transform(holdout).cache();
    try {
      Map<String, Double> metrics = metrics(scored, task);
      List<Point> points = new ArrayList<>();
      int seq = 0;
      for (Map.Entry<String, Double> m : metrics.entrySet()) {
        points.add(Point.value("metric", seq++, m.getKey(), m.getValue()));
      }
      if (task.isClassification()) {
        points.addAll(confusion(scored, classes));
      }
      if (task == Task.BINARY) {
        points.addAll(BinaryCurves.points(scored, objective));
      } else if (task == Task.MULTICLASS) {
        points.addAll(predictedShares(scored, classes));
      } else {
        points.addAll(residuals(scored));
      }
      if (importance) {
        points.addAll(FeatureImportance.points(model, scored));
      }
      return new Result(metrics, points);
    } finally {
      scored.unpersist();
    }
  }

  static Map<String, Double> metrics(Dataset<Row> scored, Task task) {
    Map<String, Double> out = new LinkedHashMap<>();
    boolean probabilities = List.of(scored.columns()).contains("probability");
    for (Metric m : Metric.forTask(task)) {
      if (m == Metric.LOG_LOSS && !probabilities) {
        continue;
      }
      out.put(m.id(), m.evaluator(probabilities).evaluate(scored));
    }
    return out;
  }

  private static List<Point> confusion(Dataset<Row> scored, List<String> classes) {
    List<Row> cells = scored.groupBy(col(LabelInfo.INDEXED), col("prediction")).count()
        .collectAsList();
    List<Point> out = new ArrayList<>();
    cells.stream().sorted((a, b) -> a.getDouble(0) != b.getDouble(0)
            ? Double.compare(a.getDouble(0), b.getDouble(0))
            : Double.compare(a.getDouble(1), b.getDouble(1)))
        .forEach(r -> out.add(new Point("confusion", out.size(), null,
            classes.get((int) r.getDouble(0)), classes.get((int) r.getDouble(1)), null, null,
            null, r.getLong(2))));
    return out;
  }

  private static List<Point> predictedShares(Dataset<Row> scored, List<String> classes) {
    long[] counts = new long[classes.size()];
    for (Row r : scored.groupBy(col("prediction")).count().collectAsList()) {
      counts[(int) r.getDouble(0)] = r.getLong(1);
    }
    long total = java.util.Arrays.stream(counts).sum();
    List<Point> out = new ArrayList<>();
    for (int k = 0; k < counts.length; k++) {
      out.add(new Point("prediction_dist", k, classes.get(k), null, null, null, null,
          total == 0 ? 0.0 : counts[k] / (double) total, counts[k]));
    }
    return out;
  }

  /** Residual statistics (one job), then the mean residual by decile of the prediction. */
  private static List<Point> residuals(Dataset<Row> scored) {
    Column residual = col(LabelInfo.INDEXED).minus(col("prediction"));
    double[] deciles = new double[9];
    for (int i = 0; i < 9; i++) {
      deciles[i] = (i + 1) / 10.0;
    }
    Row s = scored.select(residual.as("r"), col("prediction")).agg(avg("r"), stddev("r"),
        avg(abs(col("r"))), avg(col("r").multiply(col("r"))), max(abs(col("r"))),
        percentile_approx(col("r"), lit(RESIDUAL_QUANTILES), lit(10_000)),
        percentile_approx(col("prediction"), lit(deciles), lit(10_000))).first();
    List<Point> out = new ArrayList<>();
    String[] names = {"mean", "std", "mae", "rmse", "max_abs"};
    double[] values = {s.getDouble(0), s.isNullAt(1) ? Double.NaN : s.getDouble(1),
        s.getDouble(2), Math.sqrt(s.getDouble(3)), s.getDouble(4)};
    for (int i = 0; i < names.length; i++) {
      out.add(Point.value("residuals", i, names[i], values[i]));
    }
    List<Double> q = s.getList(5);
    for (int i = 0; i < RESIDUAL_QUANTILES.length; i++) {
      out.add(Point.value("residuals", names.length + i, String.format(Locale.ROOT, "p%02d",
          Math.round(RESIDUAL_QUANTILES[i] * 100)), q.get(i)));
    }
    List<Double> edges = s.getList(6).stream().map(v -> (Double) v).distinct().toList();
    out.addAll(ResidualBins.points(scored, residual, edges));
    return out;
  }
}
