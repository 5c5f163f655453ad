package io.lakeml.bench;

import io.lakeml.config.Task;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.OneVsRest;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.ml.tuning.ParamGridBuilder;

/**
 * The baseline's two model families and their grids, per task. Multiclass GBT: MLlib's
 * GBTClassifier is binary only, so it runs one-vs-rest (OneVsRest, one GBT per class, the grid
 * on the inner GBT's parameters), as MLlib's guide suggests for binary-only classifiers.
 */
public final class BaselineModels {
  public static final long SEED = 42L;

  private BaselineModels() {}

  /** An estimator of features/label and the parameter maps its cross-validation tries. */
  public record Candidate(String family, Estimator<?> estimator, ParamMap[] grid) {}

  public static List<Candidate> candidates(Task task, BaselineGrid grid) {
    return List.of(forest(task, grid), gbt(task, grid));
  }

  static Candidate forest(Task task, BaselineGrid grid) {
    if (task == Task.REGRESSION) {
      RandomForestRegressor rf = new RandomForestRegressor().setSeed(SEED);
      return new Candidate("random_forest", rf,
          grid(rf.numTrees(), grid.forestTrees(), rf.maxDepth(), grid.forestDepths()));
    }
    RandomForestClassifier rf = new RandomForestClassifier().setSeed(SEED);
    return new Candidate("random_forest", rf,
        grid(rf.numTrees(), grid.forestTrees(), rf.maxDepth(), grid.forestDepths()));
  }

  static Candidate gbt(Task task, BaselineGrid grid) {
    return switch (task) {
      case REGRESSION -> {
        GBTRegressor gbt = new GBTRegressor().setSeed(SEED);
        yield new Candidate("gbt", gbt,
            grid(gbt.maxIter(), grid.gbtIterations(), gbt.maxDepth(), grid.gbtDepths()));
      }
      case BINARY -> {
        GBTClassifier gbt = new GBTClassifier().setSeed(SEED);
        yield new Candidate("gbt", gbt,
            grid(gbt.maxIter(), grid.gbtIterations(), gbt.maxDepth(), grid.gbtDepths()));
      }
      case MULTICLASS -> {
        GBTClassifier gbt = new GBTClassifier().setSeed(SEED);
        yield new Candidate("gbt_one_vs_rest", new OneVsRest().setClassifier(gbt),
            grid(gbt.maxIter(), grid.gbtIterations(), gbt.maxDepth(), grid.gbtDepths()));
      }
    };
  }

  /** The cross-validation's evaluator: the task's default metric on the model's own output. */
  public static Evaluator evaluator(Task task) {
    return switch (task) {
      case BINARY -> new BinaryClassificationEvaluator().setMetricName("areaUnderROC");
      case MULTICLASS -> new MulticlassClassificationEvaluator().setMetricName("f1");
      case REGRESSION -> new RegressionEvaluator().setMetricName("rmse");
    };
  }

  private static ParamMap[] grid(IntParam a, List<Integer> as, IntParam b, List<Integer> bs) {
    return new ParamGridBuilder()
        .addGrid(a, as.stream().mapToInt(Integer::intValue).toArray())
        .addGrid(b, bs.stream().mapToInt(Integer::intValue).toArray())
        .build();
  }
}
