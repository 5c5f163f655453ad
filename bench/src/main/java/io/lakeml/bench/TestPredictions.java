package io.lakeml.bench;

/**
 * The columns both sides hand to {@link TestMetric}, so the test metric is computed by the same
 * code for lakeml and the baseline: the true label as in the test CSV, the prediction (the class
 * as a string for classification, the value for regression) and, for binary tasks, the score
 * P(positive class).
 */
public final class TestPredictions {
  /** The label column of the test split: string (classification) or double (regression). */
  public static final String LABEL = "bench_label";
  /** The predicted class (string) or value (double). */
  public static final String PREDICTED = "bench_predicted";
  /** Binary: the model's P(positive class), double. */
  public static final String SCORE = "bench_score";

  private TestPredictions() {}
}
