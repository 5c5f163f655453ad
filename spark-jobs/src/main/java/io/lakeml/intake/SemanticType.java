package io.lakeml.intake;

/** What a column is, as inferred by intake (or set in lakeml.intake.columns). */
public enum SemanticType {
  NUMERIC, BOOLEAN, CATEGORICAL, HIGH_CARDINALITY, DATETIME, TEXT, IDENTIFIER, CONSTANT,
  MOSTLY_NULL, UNSUPPORTED, LABEL;

  public String id() {
    return name().toLowerCase().replace('_', '-');
  }

  /** Types that can be features (the others are always dropped). */
  public boolean canBeFeature() {
    return switch (this) {
      case NUMERIC, BOOLEAN, CATEGORICAL, HIGH_CARDINALITY, DATETIME, TEXT -> true;
      default -> false;
    };
  }

  /** Types whose values are grouped as categories (profile top values, leakage buckets). */
  public boolean isCategorical() {
    return this == BOOLEAN || this == CATEGORICAL || this == HIGH_CARDINALITY;
  }
}
