package io.lakeml.search;

import io.lakeml.config.Task;
import io.lakeml.evaluate.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The out-of-fold predictions of the best trial so far of each family (the stacked ensemble's
 * training data). Predictions are kept as lazy Datasets over the cached folds and the fitted fold
 * models, so offering them costs no Spark job; only the ensemble materialises them.
 */
public final class OutOfFold {
  /** The score column of an out-of-fold Dataset. */
  public static final String SCORE = "_lakeml_score";

  /** One family's best trial and its predictions. */
  public record Entry(TrialResult result, Dataset<Row> predictions) {}

  private final Metric metric;
  private final Map<ModelFamily, Entry> best = new LinkedHashMap<>();

  public OutOfFold(Metric metric) {
    this.metric = metric;
  }

  /** What a member contributes: class probabilities (margins for linear SVC) or the value. */
  public static String scoreColumn(ModelFamily family, Task task, Outputs out) {
    if (!task.isClassification()) {
      return out.prediction();
    }
    return family.probabilistic(task) ? out.probability() : out.rawPrediction();
  }

  synchronized void offer(TrialResult result, Dataset<Row> predictions) {
    Entry current = best.get(result.spec().family());
    if (current == null || metric.better(result.mean(), current.result().mean())
        || (result.mean() == current.result().mean()
            && result.spec().number() < current.result().spec().number())) {
      best.put(result.spec().family(), new Entry(result, predictions));
    }
  }

  /** The predictions kept for this trial, if it is its family's best so far. */
  public synchronized Optional<Entry> of(TrialResult result) {
    Entry e = best.get(result.spec().family());
    return e != null && e.result().spec().number() == result.spec().number() ? Optional.of(e)
        : Optional.empty();
  }

  /** Per family, its best successful trial on all rows, best families first. */
  public static List<TrialResult> familyBests(List<TrialResult> results, Metric metric) {
    Map<ModelFamily, TrialResult> out = new LinkedHashMap<>();
    Comparator<TrialResult> byMean = Comparator.comparingDouble(TrialResult::mean);
    results.stream().filter(r -> r.succeeded() && r.spec().full())
        .sorted((metric.largerIsBetter() ? byMean.reversed() : byMean)
            .thenComparingInt(r -> r.spec().number()))
        .forEach(r -> out.putIfAbsent(r.spec().family(), r));
    return new ArrayList<>(out.values());
  }
}
