package io.lakeml.search;

import java.time.Instant;
import java.util.List;

/** The outcome of one trial: per-fold metric values, their mean and standard deviation, and
 * times. A failed trial carries its error and no metric. */
public record TrialResult(TrialSpec spec, String metric, List<Double> foldMetrics, double mean,
    double std, double fitSeconds, double predictSeconds, String error, Instant finishedAt) {

  public TrialResult {
    foldMetrics = List.copyOf(foldMetrics);
  }

  public boolean succeeded() {
    return error == null;
  }

  static TrialResult success(TrialSpec spec, String metric, List<Double> values, double fit,
      double predict) {
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double var = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum()
        / Math.max(1, values.size() - 1);
    return new TrialResult(spec, metric, values, mean, Math.sqrt(var), fit, predict, null,
        Instant.now());
  }

  static TrialResult failure(TrialSpec spec, String metric, Throwable error, double fit) {
    String message = error.getClass().getSimpleName() + ": " + error.getMessage();
    return new TrialResult(spec, metric, List.of(), Double.NaN, Double.NaN, fit, 0, message,
        Instant.now());
  }
}
