package io.lakeml.search;

import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;

/** Sets named parameters on a Spark estimator from config values, with errors that name them. */
final class EstimatorParams {
  private EstimatorParams() {}

  /** A copy of est with every parameter set; IllegalArgumentException names a bad one. */
  static Estimator<?> configure(Estimator<?> est, Map<String, Object> params) {
    ParamMap map = new ParamMap();
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
      Object converted = convert(param, value);
      if (!param.isValid().apply(converted).equals(Boolean.TRUE)) {
        throw new IllegalArgumentException("not a valid value");
      }
      map.put(param, converted);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException(est.getClass().getSimpleName() + " rejects " + name
          + " = " + value + ": " + e.getMessage(), e);
    }
  }

  private static Object convert(Param<?> param, Object value) {
    if (param instanceof IntParam) {
      return whole(value).intValue();
    } else if (param instanceof LongParam) {
      return whole(value).longValue();
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

  private static Number whole(Object value) {
    Number n = asNumber(value);
    if (n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new IllegalArgumentException("expected a whole number");
    }
    return n;
  }

  private static Number asNumber(Object value) {
    if (value instanceof Number n) {
      return n;
    }
    throw new IllegalArgumentException("expected a number");
  }
}
