package io.lakeml.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One data set's outcome: both sides' test metric and wall time, and the two goals
 * (lakeml's metric at least the baseline's, in the metric's direction; lakeml's wall time at most
 * a third of the baseline's). A side that failed has no metric and its error instead.
 */
public record QualityResult(String dataset, String task, long trainRows, long testRows,
    String metric, boolean largerIsBetter, String budget, String order, Double lakemlMetric,
    Double lakemlSeconds, String lakemlWinner, Double lakemlCv, Long lakemlTrials,
    Double importSeconds, String lakemlError, Double baselineMetric, Double baselineSeconds,
    String baselineWinner, String baselineFamilies, String baselineError,
    Double lakemlCpuSeconds, Double baselineCpuSeconds, String lakemlLoad, String baselineLoad) {

  public static final double TIME_GOAL_RATIO = 1.0 / 3.0;

  public static final List<String> COLUMNS = List.of("dataset", "task", "train_rows",
      "test_rows", "metric", "larger_is_better", "time_budget", "order", "lakeml_metric",
      "baseline_metric", "difference", "lakeml_seconds", "baseline_seconds", "time_ratio",
      "metric_goal", "time_goal", "goal_met", "lakeml_winner", "lakeml_cv", "lakeml_trials",
      "import_seconds", "baseline_winner", "baseline_families", "lakeml_error",
      "baseline_error", "lakeml_cpu_seconds", "baseline_cpu_seconds", "cpu_ratio", "lakeml_load",
      "baseline_load");

  /** lakeml's metric minus the baseline's (for rmse, negative means lakeml is better). */
  public Double difference() {
    return lakemlMetric == null || baselineMetric == null ? null
        : lakemlMetric - baselineMetric;
  }

  public Double timeRatio() {
    return lakemlSeconds == null || baselineSeconds == null ? null
        : lakemlSeconds / baselineSeconds;
  }

  /** lakeml's CPU time over the baseline's (this JVM's threads, so little affected by load). */
  public Double cpuRatio() {
    return lakemlCpuSeconds == null || baselineCpuSeconds == null || baselineCpuSeconds == 0
        ? null : lakemlCpuSeconds / baselineCpuSeconds;
  }

  /** lakeml's test metric is at least as good as the baseline's; null when a side failed. */
  public Boolean metricGoal() {
    if (difference() == null) {
      return null;
    }
    return largerIsBetter ? lakemlMetric >= baselineMetric : lakemlMetric <= baselineMetric;
  }

  public Boolean timeGoal() {
    return timeRatio() == null ? null : timeRatio() <= TIME_GOAL_RATIO;
  }

  public Boolean goalMet() {
    return metricGoal() == null || timeGoal() == null ? null : metricGoal() && timeGoal();
  }

  public List<String> row() {
    return new ArrayList<>(Arrays.asList(dataset, task, String.valueOf(trainRows),
        String.valueOf(testRows), metric, String.valueOf(largerIsBetter), budget, order,
        num(lakemlMetric, 6), num(baselineMetric, 6), num(difference(), 6),
        num(lakemlSeconds, 1), num(baselineSeconds, 1), num(timeRatio(), 2),
        yesNo(metricGoal()), yesNo(timeGoal()), yesNo(goalMet()), text(lakemlWinner),
        num(lakemlCv, 6), lakemlTrials == null ? "" : lakemlTrials.toString(),
        num(importSeconds, 1), text(baselineWinner), text(baselineFamilies), text(lakemlError),
        text(baselineError), num(lakemlCpuSeconds, 1), num(baselineCpuSeconds, 1),
        num(cpuRatio(), 2), text(lakemlLoad), text(baselineLoad)));
  }

  static String num(Double v, int decimals) {
    return v == null ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static String yesNo(Boolean b) {
    return b == null ? "n/a" : b ? "yes" : "no";
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
