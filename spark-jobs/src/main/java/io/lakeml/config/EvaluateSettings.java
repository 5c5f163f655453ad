package io.lakeml.config;

/** lakeml.evaluate and lakeml.report: how the refitted models are evaluated and reported. */
public record EvaluateSettings(ThresholdObjective thresholdObjective, boolean report) {

  /** What the binary decision threshold maximises on the holdout. */
  public enum ThresholdObjective {
    F1, YOUDEN, ACCURACY;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
