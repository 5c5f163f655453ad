package io.lakeml.evaluate;

import io.lakeml.config.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Scores the holdout once (cached) and computes every metric of the task on it. */
public final class HoldoutEvaluator {
  private HoldoutEvaluator() {}

  public static Map<String, Double> evaluate(Transformer model, Dataset<Row> holdout, Task task) {
    Dataset<Row> scored = model.transform(holdout).cache();
    try {
      Map<String, Double> out = new LinkedHashMap<>();
      boolean probabilities = List.of(scored.columns()).contains("probability");
      for (Metric m : Metric.forTask(task)) {
        if (m == Metric.LOG_LOSS && !probabilities) {
          continue;
        }
        out.put(m.id(), m.evaluator(probabilities).evaluate(scored));
      }
      return out;
    } finally {
      scored.unpersist();
    }
  }
}
