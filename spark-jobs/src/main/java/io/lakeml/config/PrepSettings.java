package io.lakeml.config;

/** lakeml.prep: preprocessing choices (see reference.conf). */
public record PrepSettings(boolean missingIndicators, double clipQuantile, boolean targetEncoding,
    double targetEncodingSmoothing, ClassWeights classWeights, double classWeightBelowShare) {

  public enum ClassWeights { AUTO, ON, OFF }

  public PrepSettings {
    LakemlException.check(clipQuantile >= 0 && clipQuantile < 0.5, "lakeml.prep.clip-quantile",
        clipQuantile, "must be >= 0 and < 0.5");
    LakemlException.check(targetEncodingSmoothing >= 0, "lakeml.prep.target-encoding-smoothing",
        targetEncodingSmoothing, "must be >= 0");
    LakemlException.check(classWeightBelowShare > 0 && classWeightBelowShare < 0.5,
        "lakeml.prep.class-weight-below-share", classWeightBelowShare, "must be > 0 and < 0.5");
  }

  public static PrepSettings defaults() {
    return Settings.from(ConfigLoader.load(java.util.List.of(), java.util.List.of())).prep();
  }
}
