package io.lakeml.ensemble;

import io.lakeml.search.Outputs;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;

/**
 * A fitted single model reused as a stacked ensemble's member: the same fitted model (a copy,
 * sharing its coefficients or trees) writing the member's columns instead of the standard ones,
 * so the final refit fits each model once whether it is a candidate of its own, a member, or
 * both. Every column a model writes is a param of one of its Spark stages: prediction,
 * probability, raw prediction, and the scratch columns of {@link Outputs} (scaled features,
 * one-vs-rest margins and prediction); those are renamed. A model with a stage that is not one
 * of Spark's (whose columns might not all be params) is not renamed: it is refitted as the
 * member instead.
 */
public final class MemberModel {
  private MemberModel() {}

  /** The fitted standard-output model as member {@code member}, if it can be renamed. */
  public static Optional<Transformer> of(Transformer fitted, Outputs member) {
    ParamMap changes = new ParamMap();
    return collect(fitted, member, changes) ? Optional.of(fitted.copy(changes))
        : Optional.empty();
  }

  /** Adds the renames of t (and of its stages) to changes; false if t cannot be renamed. */
  private static boolean collect(Transformer t, Outputs member, ParamMap changes) {
    if (t instanceof PipelineModel pipeline) {
      for (Transformer stage : pipeline.stages()) {
        if (!collect(stage, member, changes)) {
          return false;
        }
      }
      return true;
    }
    if (!t.getClass().getName().startsWith("org.apache.spark.ml.")) {
      return false;
    }
    Map<String, String> names = names(member);
    for (Param<?> p : t.params()) {
      if (t.isDefined(p) && t.getOrDefault(p) instanceof String column
          && names.containsKey(column)) {
        put(changes, p, names.get(column));
      }
    }
    return true;
  }

  /** Standard column name to the member's. */
  private static Map<String, String> names(Outputs member) {
    Outputs standard = Outputs.STANDARD;
    return Map.of(standard.prediction(), member.prediction(),
        standard.probability(), member.probability(),
        standard.rawPrediction(), member.rawPrediction(),
        standard.scaled(), member.scaled(),
        standard.ovrMargins(), member.ovrMargins(),
        standard.ovrPrediction(), member.ovrPrediction());
  }

  @SuppressWarnings("unchecked")
  private static void put(ParamMap changes, Param<?> p, String value) {
    changes.put((Param<Object>) p, value);
  }
}
