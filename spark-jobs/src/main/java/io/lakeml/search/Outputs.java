package io.lakeml.search;

/**
 * The columns a model writes. {@link #STANDARD} are Spark's usual names (what a saved lakeml
 * model outputs); a stacked ensemble gives each member its own prefix so members can sit side by
 * side in one pipeline.
 */
public record Outputs(String prefix) {
  public static final Outputs STANDARD = new Outputs("");

  public static Outputs member(int index) {
    return new Outputs("_lakeml_m" + index + "_");
  }

  public String prediction() {
    return prefix + "prediction";
  }

  public String probability() {
    return prefix + "probability";
  }

  public String rawPrediction() {
    return prefix + "rawPrediction";
  }

  /** The scaled features of the families that see standardised features. */
  public String scaled() {
    return scratch("scaled");
  }

  /** One-vs-rest's margins per class (the calibrator's input). */
  public String ovrMargins() {
    return scratch("ovr_margins");
  }

  /** One-vs-rest's own prediction, before calibration. */
  public String ovrPrediction() {
    return scratch("ovr_prediction");
  }

  /** Scratch columns of this model (scaled features, inner one-vs-rest outputs). */
  public String scratch(String name) {
    return "_lakeml_" + (prefix.isEmpty() ? "" : prefix.substring("_lakeml_".length())) + name;
  }
}
