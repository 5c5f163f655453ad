package io.lakeml.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.lakeml.config.Task;
import io.lakeml.evaluate.Metric;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The test metric of either side, computed the same way from {@link TestPredictions} columns:
 * the metric lakeml optimises by default (lakeml.search.metric = auto: areaUnderROC for binary,
 * f1 for multiclass, rmse for regression), with the Spark evaluator lakeml itself uses.
 */
public final class TestMetric {
  private TestMetric() {}

  /** lakeml's default metric of a task (Metric.resolve("auto", task)). */
  public static Metric of(Task task) {
    return Metric.resolve("auto", task);
  }

  /** The metric the manifest names, checked against lakeml's default for the task. */
  public static Metric of(BenchDataset dataset) {
    Metric metric = of(dataset.task());
    if (!metric.id().equals(dataset.metric())) {
      throw new IllegalArgumentException("Data set " + dataset.name() + ": the manifest's metric "
          + dataset.metric() + " is not lakeml's default for a " + dataset.task().id()
          + " task (" + metric.id() + ")");
    }
    return metric;
  }

  /**
   * The metric of the predictions. positiveClass: binary tasks only. Multiclass f1 is Spark's
   * weighted F1 over the classes seen in labels or predictions.
   */
  public static double compute(Dataset<Row> predictions, Task task, String positiveClass) {
    return switch (task) {
      case BINARY -> new BinaryClassificationEvaluator().setMetricName("areaUnderROC")
          .setLabelCol("_y").setRawPredictionCol(TestPredictions.SCORE)
          .evaluate(predictions.select(when(col(TestPredictions.LABEL).equalTo(lit(positiveClass)),
              1.0).otherwise(0.0).as("_y"), col(TestPredictions.SCORE).cast("double")
              .as(TestPredictions.SCORE)));
      case MULTICLASS -> multiclassF1(predictions);
      case REGRESSION -> new RegressionEvaluator().setMetricName("rmse")
          .setLabelCol(TestPredictions.LABEL).setPredictionCol(TestPredictions.PREDICTED)
          .evaluate(predictions.select(col(TestPredictions.LABEL).cast("double")
              .as(TestPredictions.LABEL), col(TestPredictions.PREDICTED).cast("double")
              .as(TestPredictions.PREDICTED)));
    };
  }

  private static double multiclassF1(Dataset<Row> predictions) {
    TreeSet<String> classes = new TreeSet<>();
    for (Row r : predictions.select(TestPredictions.LABEL).distinct()
        .union(predictions.select(TestPredictions.PREDICTED).distinct()).collectAsList()) {
      if (r.isNullAt(0)) {
        throw new IllegalArgumentException("A null label or predicted class in the test "
            + "predictions");
      }
      classes.add(r.getString(0));
    }
    List<String> ordered = List.copyOf(classes);
    Map<String, Integer> index = ordered.stream()
        .collect(Collectors.toMap(Function.identity(), ordered::indexOf));
    return new MulticlassClassificationEvaluator().setMetricName("f1").setLabelCol("_y")
        .setPredictionCol("_p").evaluate(predictions.select(
            indexOf(col(TestPredictions.LABEL), index).as("_y"),
            indexOf(col(TestPredictions.PREDICTED), index).as("_p")));
  }

  private static Column indexOf(Column value, Map<String, Integer> index) {
    Column out = lit(null).cast("double");
    for (Map.Entry<String, Integer> e : index.entrySet()) {
      out = when(value.equalTo(lit(e.getKey())), (double) e.getValue()).otherwise(out);
    }
    return out;
  }
}
