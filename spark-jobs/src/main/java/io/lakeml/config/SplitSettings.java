package io.lakeml.config;

/** lakeml.split and lakeml.cv: the holdout share and the number of stored folds. */
public record SplitSettings(double holdoutFraction, int folds) {
  public SplitSettings {
    LakemlException.check(holdoutFraction > 0 && holdoutFraction < 0.9,
        "lakeml.split.holdout-fraction", holdoutFraction, "must be > 0 and < 0.9");
    LakemlException.check(folds >= 2 && folds <= 20, "lakeml.cv.folds", folds,
        "must be >= 2 and <= 20");
  }
}
