package io.lakeml.search;

import java.time.Instant;
import java.util.List;

/** The outcome of one trial: per-fold metric values, their mean and standard deviation, and
 * times (fit and predict summed over folds; wall from start to end of the trial). A failed trial
 * carries its error and no metric. */
public record TrialResult(TrialSpec spec, String metric, List<Double> foldMetrics, double mean,
    double std, double fitSeconds, double predictSeconds, double wallSeconds, String error,
    Instant finishedAt) {
  /** How the error of a stopped trial starts. */
  public static final String STOPPED = "stopped: ";

  public TrialResult {
    foldMetrics = List.copyOf(foldMetrics);
  }

  public boolean succeeded() {
    return error == null && !Double.isNaN(mean);
  }

  public static TrialResult success(TrialSpec spec, String metric, List<Double> values,
      double fit, double predict, double wall) {
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double var = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum()
        / Math.max(1, values.size() - 1);
    return new TrialResult(spec, metric, values, mean, Math.sqrt(var), fit, predict, wall, null,
        Instant.now());
  }

  public static TrialResult failure(TrialSpec spec, String metric, Throwable error, double fit,
      double wall) {
    String message = error.getClass().getSimpleName() + ": " + error.getMessage();
    return new TrialResult(spec, metric, List.of(), Double.NaN, Double.NaN, fit, 0, wall, message,
        Instant.now());
  }

  /** A trial stopped before its end (the time budget was spent): failed, with the reason. */
  public static TrialResult stopped(TrialSpec spec, String metric, String reason, double fit,
      double wall) {
    return new TrialResult(spec, metric, List.of(), Double.NaN, Double.NaN, fit, 0, wall,
        STOPPED + reason, Instant.now());
  }

  /** Whether the trial was stopped before its end: it did not fail, it was not finished. */
  public boolean wasStopped() {
    return error != null && error.startsWith(STOPPED);
  }

  /** This result under another spec (same configuration, e.g. when read back from the log). */
  public TrialResult withSpec(TrialSpec other) {
    return new TrialResult(other, metric, foldMetrics, mean, std, fitSeconds, predictSeconds,
        wallSeconds, error, finishedAt);
  }
}
