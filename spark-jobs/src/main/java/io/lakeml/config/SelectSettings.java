package io.lakeml.config;

/** lakeml.select: feature selection (see reference.conf). */
public record SelectSettings(Mode mode, int autoMinFeatures, double varianceThreshold,
    double univariateMaxP, double maxCorrelation, int correlationMaxFeatures,
    double importanceShare, int minFeatures) {

  public enum Mode { AUTO, ON, OFF }

  public SelectSettings {
    LakemlException.check(autoMinFeatures >= 1, "lakeml.select.auto-min-features",
        autoMinFeatures, "must be >= 1");
    LakemlException.check(varianceThreshold >= 0, "lakeml.select.variance-threshold",
        varianceThreshold, "must be >= 0");
    LakemlException.check(univariateMaxP > 0 && univariateMaxP <= 1,
        "lakeml.select.univariate-max-p", univariateMaxP, "must be > 0 and <= 1");
    LakemlException.check(maxCorrelation > 0 && maxCorrelation <= 1,
        "lakeml.select.max-correlation", maxCorrelation, "must be > 0 and <= 1");
    LakemlException.check(correlationMaxFeatures >= 2, "lakeml.select.correlation-max-features",
        correlationMaxFeatures, "must be >= 2");
    LakemlException.check(importanceShare > 0 && importanceShare <= 1,
        "lakeml.select.importance-share", importanceShare, "must be > 0 and <= 1");
    LakemlException.check(minFeatures >= 1, "lakeml.select.min-features", minFeatures,
        "must be >= 1");
  }
}
