package io.lakeml.search;

import io.lakeml.config.Task;
import io.lakeml.evaluate.Metric;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Cross-validates one trial on the prepared folds: K fits, K scored validation folds. */
final class TrialRunner {
  private final Task task;
  private final Metric metric;
  private final boolean weighted;

  TrialRunner(Task task, Metric metric, boolean weighted) {
    this.task = task;
    this.metric = metric;
    this.weighted = weighted;
  }

  TrialResult run(TrialSpec spec, PreparedFolds folds) {
    Evaluator evaluator = metric.evaluator();
    List<Double> values = new ArrayList<>();
    double fitSeconds = 0;
    double predictSeconds = 0;
    try {
      for (PreparedFolds.Fold fold : folds.folds()) {
        long t0 = System.nanoTime();
        Model<?> model = (Model<?>) spec.family().estimator(task, spec.params(), spec.seed(), weighted)
            .fit(fold.train());
        long t1 = System.nanoTime();
        Dataset<Row> scored = model.transform(fold.valid());
        values.add(evaluator.evaluate(scored));
        fitSeconds += (t1 - t0) / 1e9;
        predictSeconds += (System.nanoTime() - t1) / 1e9;
      }
      return TrialResult.success(spec, metric.id(), values, fitSeconds, predictSeconds);
    } catch (RuntimeException e) {
      return TrialResult.failure(spec, metric.id(), e, fitSeconds);
    }
  }
}
