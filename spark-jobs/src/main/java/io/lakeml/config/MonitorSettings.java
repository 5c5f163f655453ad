package io.lakeml.config;

import java.util.List;

/**
 * lakeml.monitor: which scoring run MonitorJob checks against the model's training profile, the
 * thresholds that count as drift, and the exit code that tells a scheduler to retrain.
 */
public record MonitorSettings(String scoringRunId, double featurePsi, double predictionPsi,
    double performanceDrop, int driftExitCode, String labelsPath, List<String> labelKeys) {

  public MonitorSettings {
    LakemlException.check(featurePsi > 0, "lakeml.monitor.feature-psi", featurePsi, "must be > 0");
    LakemlException.check(predictionPsi > 0, "lakeml.monitor.prediction-psi", predictionPsi,
        "must be > 0");
    LakemlException.check(performanceDrop >= 0, "lakeml.monitor.performance-drop",
        performanceDrop, "must be >= 0");
    LakemlException.check(driftExitCode >= 3 && driftExitCode <= 125,
        "lakeml.monitor.drift-exit-code", driftExitCode,
        "must be 3..125 (0, 1 and 2 mean done, failed and bad input)");
    LakemlException.check(labelsPath == null || !labelKeys.isEmpty(),
        "lakeml.monitor.labels.key-columns", labelKeys,
        "required with lakeml.monitor.labels.path (the columns joining labels to predictions)");
    labelKeys = List.copyOf(labelKeys);
  }
}
