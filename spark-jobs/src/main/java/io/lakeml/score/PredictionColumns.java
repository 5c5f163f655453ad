package io.lakeml.score;

/**
 * The columns ScoreJob adds to the scored table's own columns in predictions/&lt;model&gt; (one
 * Delta table per registered model name; each scoring run's rows keyed by {@link #RUN_ID}).
 */
public final class PredictionColumns {
  /** The scoring run's id: a rerun of the same scoring run replaces its rows. */
  public static final String RUN_ID = "run_id";
  /** Regression: the predicted value; classification: the predicted class index (double). */
  public static final String PREDICTION = "prediction";
  /** Classification: the predicted class as in the label column (string). */
  public static final String PREDICTED_LABEL = "predicted_label";
  /** Classification with probabilities: P(class k) at index k of the model's classes. */
  public static final String PROBABILITY = "probability";
  /** Binary: P(positive class) (linear SVC: its margin squashed by a logistic function). */
  public static final String SCORE = "score";
  /** Binary: the class chosen at the model's decision threshold on {@link #SCORE}. */
  public static final String DECISION = "decision";
  public static final String MODEL_NAME = "model_name";
  public static final String MODEL_VERSION = "model_version";
  /** The AutoML run that trained the model (its profile is the drift baseline). */
  public static final String MODEL_RUN_ID = "model_run_id";
  public static final String SCORED_AT = "scored_at";
  public static final String INPUT_REF = "input_ref";
  public static final String INPUT_VERSION = "input_version";
  /** Feature table -> Delta version joined (empty when the model reads a plain table). */
  public static final String FEATURE_VERSIONS = "feature_versions";

  private PredictionColumns() {}
}
