package io.lakeml.report;

import io.lakeml.evaluate.Metric;
import io.lakeml.report.ReportData.TrialPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The search over time: each succeeded trial's CV mean at its end (seconds since the first trial
 * ended), and the best CV mean so far, a step line. Only full-data trials (fraction 1.0, or no
 * fraction recorded) feed the best so far: a halving rung's score on a ninth of the rows is not
 * comparable with a full fit's.
 *
 * @param trials (seconds, cv mean) of each succeeded trial, in time order
 * @param bestSoFar the step line's corners (seconds, best so far)
 */
record SearchProgress(List<double[]> trials, List<double[]> bestSoFar) {

  static SearchProgress of(List<TrialPoint> all, String metric) {
    boolean larger = largerIsBetter(metric);
    List<TrialPoint> done = all.stream()
        .filter(t -> "SUCCEEDED".equals(t.status()) && t.cvMean() != null
            && Double.isFinite(t.cvMean()) && t.finishedAt() != null)
        .sorted(Comparator.comparing(TrialPoint::finishedAt)).toList();
    List<double[]> points = new ArrayList<>();
    List<double[]> best = new ArrayList<>();
    if (done.isEmpty()) {
      return new SearchProgress(points, best);
    }
    Instant start = done.get(0).finishedAt();
    Double bestValue = null;
    for (TrialPoint t : done) {
      double seconds = Duration.between(start, t.finishedAt()).toMillis() / 1000.0;
      points.add(new double[] {seconds, t.cvMean()});
      boolean full = t.fraction() == null || t.fraction() >= 1.0;
      if (full && (bestValue == null || (larger ? t.cvMean() > bestValue
          : t.cvMean() < bestValue))) {
        if (bestValue != null) {
          best.add(new double[] {seconds, bestValue});
        }
        bestValue = t.cvMean();
        best.add(new double[] {seconds, bestValue});
      }
    }
    if (bestValue != null) {
      best.add(new double[] {points.get(points.size() - 1)[0], bestValue});
    }
    return new SearchProgress(points, best);
  }

  /** rmse, mae and logLoss: smaller is better; every other metric: larger. */
  static boolean largerIsBetter(String metric) {
    return Arrays.stream(Metric.values()).filter(m -> m.id().equalsIgnoreCase(metric))
        .findFirst().map(Metric::largerIsBetter).orElse(true);
  }

  boolean isEmpty() {
    return trials.isEmpty();
  }
}
