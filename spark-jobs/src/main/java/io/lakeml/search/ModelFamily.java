package io.lakeml.search;

import io.lakeml.config.Task;
import io.lakeml.intake.LabelInfo;
import io.lakeml.prep.ClassWeights;
import io.lakeml.prep.FeaturePipeline;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.RandomForestRegressor;

/** The model families lakeml searches, and how to build a configured estimator of each. */
public enum ModelFamily {
  LOGISTIC_REGRESSION(Set.of(Task.BINARY, Task.MULTICLASS), LogisticRegression::new, null),
  LINEAR_REGRESSION(Set.of(Task.REGRESSION), null, LinearRegression::new),
  RANDOM_FOREST(Set.of(Task.BINARY, Task.MULTICLASS, Task.REGRESSION),
      RandomForestClassifier::new, RandomForestRegressor::new);

  private final Set<Task> tasks;
  private final Supplier<Estimator<?>> classifier;
  private final Supplier<Estimator<?>> regressor;

  ModelFamily(Set<Task> tasks, Supplier<Estimator<?>> classifier,
      Supplier<Estimator<?>> regressor) {
    this.tasks = tasks;
    this.classifier = classifier;
    this.regressor = regressor;
  }

  public String id() {
    return name().toLowerCase();
  }

  public boolean supports(Task task) {
    return tasks.contains(task);
  }

  public static Optional<ModelFamily> byId(String id) {
    return Arrays.stream(values()).filter(f -> f.id().equals(id)).findFirst();
  }

  /**
   * A fresh estimator on lakeml's label and feature columns with the given parameters and seed.
   * Throws IllegalArgumentException naming the parameter when a name or value is not valid.
   */
  public Estimator<?> estimator(Task task, Map<String, Object> params, long seed) {
    return estimator(task, params, seed, false);
  }

  /** As above; weighted: train on the class weight column where the family takes one. */
  public Estimator<?> estimator(Task task, Map<String, Object> params, long seed,
      boolean weighted) {
    Estimator<?> est = (task.isClassification() ? classifier : regressor).get();
    ParamMap map = new ParamMap();
    put(est, map, "labelCol", LabelInfo.INDEXED);
    put(est, map, "featuresCol", FeaturePipeline.FEATURES);
    if (weighted && est.hasParam("weightCol")) {
      put(est, map, "weightCol", ClassWeights.COLUMN);
    }
    if (est.hasParam("seed")) {
      put(est, map, "seed", seed);
    }
    params.forEach((name, value) -> put(est, map, name, value));
    return (Estimator<?>) est.copy(map);
  }

  @SuppressWarnings("unchecked")
  private static void put(Estimator<?> est, ParamMap map, String name, Object value) {
    if (!est.hasParam(name)) {
      throw new IllegalArgumentException(est.getClass().getSimpleName() + " has no parameter "
          + name);
    }
    Param<Object> param = (Param<Object>) est.getParam(name);
    try {
      map.put(param, convert(param, value));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException(est.getClass().getSimpleName() + " rejects " + name
          + " = " + value + ": " + e.getMessage(), e);
    }
  }

  private static Object convert(Param<?> param, Object value) {
    if (param instanceof IntParam) {
      return asNumber(value).intValue();
    } else if (param instanceof LongParam) {
      return asNumber(value).longValue();
    } else if (param instanceof DoubleParam) {
      return asNumber(value).doubleValue();
    } else if (param instanceof FloatParam) {
      return asNumber(value).floatValue();
    } else if (param instanceof BooleanParam) {
      if (value instanceof Boolean b) {
        return b;
      }
      throw new IllegalArgumentException("expected true or false");
    }
    return String.valueOf(value);
  }

  private static Number asNumber(Object value) {
    if (value instanceof Number n) {
      return n;
    }
    throw new IllegalArgumentException("expected a number");
  }
}
