package io.lakeml.select;

/**
 * One slot of the assembled feature vector: its scores from each selection step (null where the
 * step did not run for it) and the decision with its reason.
 */
public record FeatureScore(int index, String name, Double variance, Double fValue,
    Double pValue, Double maxCorrelation, String correlatedWith, Double l1Weight,
    Double treeImportance, Double importance, boolean kept, String reason) {

  FeatureScore drop(String why) {
    return new FeatureScore(index, name, variance, fValue, pValue, maxCorrelation,
        correlatedWith, l1Weight, treeImportance, importance, false, why);
  }

  FeatureScore withCorrelation(double r, String with) {
    return new FeatureScore(index, name, variance, fValue, pValue, r, with, l1Weight,
        treeImportance, importance, kept, reason);
  }

  FeatureScore withImportance(Double l1, Double tree, double combined) {
    return new FeatureScore(index, name, variance, fValue, pValue, maxCorrelation,
        correlatedWith, l1, tree, combined, kept, reason);
  }

  /** The input column a slot comes from: "home__ohe_rent" -> "home". */
  public String sourceColumn() {
    int cut = name.indexOf("__");
    return cut > 0 ? name.substring(0, cut) : name;
  }
}
