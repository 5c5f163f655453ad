package io.lakeml.search;

import io.lakeml.config.Task;
import io.lakeml.intake.LabelInfo;
import io.lakeml.prep.ClassWeights;
import io.lakeml.prep.FeaturePipeline;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.FMClassifier;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LinearSVC;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.NaiveBayes;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.regression.DecisionTreeRegressor;
import org.apache.spark.ml.regression.FMRegressor;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.RandomForestRegressor;

/**
 * The model families lakeml searches, and how to build a configured estimator of each.
 * Multilayer perceptrons and factorization machines get a StandardScaler in front (they train by
 * gradient steps on raw feature scales otherwise); the linear families standardise internally and
 * trees need no scaling. Multiclass GBT is one-vs-rest with a calibration step
 * ({@link OneVsRestCalibrated}); linear SVC and factorization-machine classifiers are binary only.
 */
public enum ModelFamily {
  LOGISTIC_REGRESSION(true, false, false),
  LINEAR_REGRESSION(false, true, false),
  GLM(false, true, false),
  DECISION_TREE(true, true, false),
  RANDOM_FOREST(true, true, false),
  GBT(true, true, false),
  LINEAR_SVC(true, false, false),
  NAIVE_BAYES(true, false, false),
  MLP(true, false, true),
  FM(true, true, true);

  /** MLP's hidden layer sizes, e.g. "32" or "64,32"; input and output sizes come from the data. */
  public static final String HIDDEN_LAYERS = "hiddenLayers";

  private final boolean classification;
  private final boolean regression;
  private final boolean scaled;

  ModelFamily(boolean classification, boolean regression, boolean scaled) {
    this.classification = classification;
    this.regression = regression;
    this.scaled = scaled;
  }

  public String id() {
    return name().toLowerCase();
  }

  public static Optional<ModelFamily> byId(String id) {
    return Arrays.stream(values()).filter(f -> f.id().equals(id)).findFirst();
  }

  /** Whether the family can model this problem (some classifiers are binary only). */
  public boolean supports(Task task, int numClasses) {
    if (!task.isClassification()) {
      return regression;
    }
    boolean binaryOnly = this == LINEAR_SVC || this == FM;
    return classification && (numClasses == 2 || !binaryOnly);
  }

  /** Whether the model writes class probabilities (linear SVC gives margins only). */
  public boolean probabilistic(Task task) {
    return task.isClassification() && this != LINEAR_SVC;
  }

  /**
   * A fresh estimator on lakeml's label and feature columns, writing to {@code out}, with the
   * given parameters and seed. Throws IllegalArgumentException naming the parameter when a name
   * or value is not valid.
   */
  public Estimator<?> estimator(ModelContext ctx, Map<String, Object> params, long seed,
      Outputs out) {
    if (!supports(ctx.task(), ctx.numClasses())) {
      throw new IllegalArgumentException(id() + " does not fit a " + ctx.task().id() + " task with "
          + ctx.numClasses() + " classes");
    }
    Map<String, Object> rest = new LinkedHashMap<>(params);
    Object hidden = rest.remove(HIDDEN_LAYERS);
    if (hidden != null && this != MLP) {
      throw new IllegalArgumentException(id() + " has no parameter " + HIDDEN_LAYERS);
    }
    String features = scaled ? out.scaled() : FeaturePipeline.FEATURES;
    boolean oneVsRest = this == GBT && ctx.task() == Task.MULTICLASS;
    Estimator<?> base = base(ctx, hidden);
    Map<String, Object> fixed = new LinkedHashMap<>();
    fixed.put("labelCol", LabelInfo.INDEXED);
    fixed.put("featuresCol", features);
    if (ctx.weighted() && base.hasParam("weightCol")) {
      fixed.put("weightCol", ClassWeights.COLUMN);
    }
    if (base.hasParam("seed")) {
      fixed.put("seed", seed);
    }
    if (!oneVsRest) {
      fixed.put("predictionCol", out.prediction());
      if (base.hasParam("probabilityCol")) {
        fixed.put("probabilityCol", out.probability());
      }
      if (base.hasParam("rawPredictionCol")) {
        fixed.put("rawPredictionCol", out.rawPrediction());
      }
    }
    fixed.putAll(rest);
    Estimator<?> model = EstimatorParams.configure(base, fixed);
    if (oneVsRest) {
      model = new OneVsRestCalibrated(model, ctx, seed, out);
    }
    if (!scaled) {
      return model;
    }
    StandardScaler scaler = new StandardScaler().setInputCol(FeaturePipeline.FEATURES)
        .setOutputCol(features).setWithMean(true).setWithStd(true);
    return new Pipeline().setStages(new PipelineStage[] {scaler, model});
  }

  private Estimator<?> base(ModelContext ctx, Object hiddenLayers) {
    boolean cls = ctx.task().isClassification();
    return switch (this) {
      case LOGISTIC_REGRESSION -> new LogisticRegression();
      case LINEAR_REGRESSION -> new LinearRegression();
      case GLM -> new GeneralizedLinearRegression();
      case DECISION_TREE -> cls ? new DecisionTreeClassifier() : new DecisionTreeRegressor();
      case RANDOM_FOREST -> cls ? new RandomForestClassifier() : new RandomForestRegressor();
      case GBT -> cls ? new GBTClassifier() : new GBTRegressor();
      case LINEAR_SVC -> new LinearSVC();
      case NAIVE_BAYES -> new NaiveBayes().setModelType("gaussian");
      case MLP -> SizedPerceptron.create(hiddenLayers == null ? "32" : hiddenLayers.toString(),
          ctx.numClasses());
      case FM -> cls ? new FMClassifier() : new FMRegressor();
    };
  }
}
