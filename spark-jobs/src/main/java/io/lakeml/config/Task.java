package io.lakeml.config;

/** What the model predicts. */
public enum Task {
  BINARY, MULTICLASS, REGRESSION;

  public boolean isClassification() {
    return this != REGRESSION;
  }

  public String id() {
    return name().toLowerCase();
  }
}
