package io.lakeml.evaluate;

import io.lakeml.config.LakemlException;
import io.lakeml.config.Task;
import io.lakeml.intake.LabelInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;

/** The metrics lakeml optimises and reports, each bound to the Spark evaluator that computes it. */
public enum Metric {
  AREA_UNDER_ROC("areaUnderROC", Set.of(Task.BINARY)),
  AREA_UNDER_PR("areaUnderPR", Set.of(Task.BINARY)),
  LOG_LOSS("logLoss", Set.of(Task.BINARY, Task.MULTICLASS)),
  ACCURACY("accuracy", Set.of(Task.BINARY, Task.MULTICLASS)),
  F1("f1", Set.of(Task.BINARY, Task.MULTICLASS)),
  RMSE("rmse", Set.of(Task.REGRESSION)),
  MAE("mae", Set.of(Task.REGRESSION)),
  R2("r2", Set.of(Task.REGRESSION));

  private final String id;
  private final Set<Task> tasks;

  Metric(String id, Set<Task> tasks) {
    this.id = id;
    this.tasks = tasks;
  }

  public String id() {
    return id;
  }

  /** The configured metric (lakeml.search.metric), or the task's default for "auto". */
  public static Metric resolve(String configured, Task task) {
    if (configured.equals("auto")) {
      return switch (task) {
        case BINARY -> AREA_UNDER_ROC;
        case MULTICLASS -> F1;
        case REGRESSION -> RMSE;
      };
    }
    Metric metric = Arrays.stream(values()).filter(m -> m.id.equalsIgnoreCase(configured))
        .findFirst().orElseThrow(() -> LakemlException.invalid("lakeml.search.metric", configured,
            "expected auto or one of " + Arrays.stream(values()).map(Metric::id).toList()));
    if (!metric.tasks.contains(task)) {
      throw LakemlException.invalid("lakeml.search.metric", configured, "not a metric for a "
          + task.id() + " task; use one of " + forTask(task).stream().map(Metric::id).toList());
    }
    return metric;
  }

  /** Every metric reported for a task (holdout evaluation). */
  public static List<Metric> forTask(Task task) {
    return Arrays.stream(values()).filter(m -> m.tasks.contains(task)).toList();
  }

  /** The evaluator on Spark's standard output columns, ranking by the probability column. */
  public Evaluator evaluator() {
    return evaluator(true);
  }

  /**
   * The evaluator on the standard output columns. probabilistic: rank rows by the probability
   * column for the area metrics (decision trees and naive Bayes write unnormalised leaf counts or
   * log-likelihoods as rawPrediction, which do not rank rows); otherwise by rawPrediction.
   */
  public Evaluator evaluator(boolean probabilistic) {
    return switch (this) {
      case AREA_UNDER_ROC, AREA_UNDER_PR -> new BinaryClassificationEvaluator()
          .setLabelCol(LabelInfo.INDEXED).setMetricName(id)
          .setRawPredictionCol(probabilistic ? "probability" : "rawPrediction");
      case LOG_LOSS, ACCURACY, F1 -> new MulticlassClassificationEvaluator()
          .setLabelCol(LabelInfo.INDEXED).setMetricName(id);
      case RMSE, MAE, R2 -> new RegressionEvaluator()
          .setLabelCol(LabelInfo.INDEXED).setMetricName(id);
    };
  }

  public boolean largerIsBetter() {
    return this != LOG_LOSS && this != RMSE && this != MAE;
  }

  /** True when a is better than b under this metric. */
  public boolean better(double a, double b) {
    return largerIsBetter() ? a > b : a < b;
  }
}
