package io.lakeml.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.Task;
import io.lakeml.evaluate.Metric;
import io.lakeml.intake.LabelInfo;
import io.lakeml.prep.FeaturePipeline;
import io.lakeml.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every family fits, predicts with the standard columns, and saves and loads, per task. */
@ExtendWith(SparkTest.class)
class ModelFamilyTest {
  /** Small, fast configurations (the point is that each family works, not its quality). */
  private static final Map<ModelFamily, Map<String, Object>> QUICK = Map.of(
      ModelFamily.LOGISTIC_REGRESSION, Map.of("maxIter", 20),
      ModelFamily.LINEAR_REGRESSION, Map.of("maxIter", 20),
      ModelFamily.GLM, Map.of("maxIter", 10),
      ModelFamily.DECISION_TREE, Map.of("maxDepth", 4),
      ModelFamily.RANDOM_FOREST, Map.of("numTrees", 5, "maxDepth", 4),
      ModelFamily.GBT, Map.of("maxIter", 5, "maxDepth", 3),
      ModelFamily.LINEAR_SVC, Map.of("maxIter", 20),
      ModelFamily.NAIVE_BAYES, Map.of(),
      ModelFamily.MLP, Map.of("hiddenLayers", "8,4", "maxIter", 30),
      ModelFamily.FM, Map.of("factorSize", 2, "maxIter", 20));

  /** x1..x3 uniform; binary: x1 + x2 > 1; multiclass: tercile of x1 + x2; regression: linear. */
  static Dataset<Row> data(Task task) {
    String label = switch (task) {
      case BINARY -> "IF(x1 + x2 > 1, 1.0, 0.0)";
      case MULTICLASS -> "CAST(LEAST(FLOOR((x1 + x2) * 1.5), 2) AS DOUBLE)";
      case REGRESSION -> "3 * x1 - 2 * x2 + 0.1 * x3";
    };
    Dataset<Row> raw = SparkTest.spark().sql("SELECT x1, x2, x3, " + label + " AS "
        + LabelInfo.INDEXED + " FROM (SELECT rand(1) x1, rand(2) x2, rand(3) x3 FROM range(300))");
    return new VectorAssembler().setInputCols(new String[] {"x1", "x2", "x3"})
        .setOutputCol(FeaturePipeline.FEATURES).transform(raw).cache();
  }

  @Test
  void everyFamilyFitsEveryTaskItSupports(@TempDir Path dir) throws Exception {
    List<String> checked = new ArrayList<>();
    for (Task task : Task.values()) {
      Dataset<Row> data = data(task);
      int classes = task == Task.BINARY ? 2 : task == Task.MULTICLASS ? 3 : 0;
      ModelContext ctx = new ModelContext(task, classes, false);
      for (ModelFamily family : ModelFamily.values()) {
        if (!family.supports(task, classes)) {
          continue;
        }
        PipelineModel model = new Pipeline().setStages(new PipelineStage[] {
            family.estimator(ctx, QUICK.get(family), 7, Outputs.STANDARD)}).fit(data);
        Dataset<Row> scored = model.transform(data);
        List<String> cols = List.of(scored.columns());
        assertTrue(cols.contains("prediction"), family + " " + task);
        if (family.probabilistic(task)) {
          for (Row r : scored.select("probability").limit(20).collectAsList()) {
            Vector p = r.getAs(0);
            assertEquals(classes, p.size(), family + " " + task);
            double sum = 0;
            for (double v : p.toArray()) {
              sum += v;
            }
            assertEquals(1.0, sum, 1e-6, family + " " + task + " probabilities");
          }
        }
        double metric = (task == Task.REGRESSION ? Metric.R2 : Metric.ACCURACY)
            .evaluator(family.probabilistic(task)).evaluate(scored);
        assertTrue(metric > (task == Task.REGRESSION ? 0.5 : 0.6),
            family + " " + task + " learns the easy problem: " + metric);
        String path = dir.resolve(family.id() + "-" + task.id()).toString();
        model.write().save(path);
        List<Row> again = PipelineModel.load(path).transform(data).select("prediction")
            .collectAsList();
        assertEquals(scored.select("prediction").collectAsList(), again, family + " reload");
        checked.add(family.id() + "/" + task.id());
      }
      data.unpersist();
    }
    assertEquals(8 + 6 + 6, checked.size(), checked.toString());
  }

  @Test
  void multiclassGbtIsOneVsRestWithCalibratedProbabilities() {
    Dataset<Row> data = data(Task.MULTICLASS);
    ModelContext ctx = new ModelContext(Task.MULTICLASS, 3, false);
    PipelineModel model = (PipelineModel) ModelFamily.GBT.estimator(ctx,
        Map.of("maxIter", 10, "maxDepth", 3), 1, Outputs.STANDARD).fit(data);
    Dataset<Row> scored = model.transform(data);
    double logLoss = Metric.LOG_LOSS.evaluator().evaluate(scored);
    assertTrue(logLoss < 0.6, "calibrated log loss " + logLoss);
    assertTrue(Metric.ACCURACY.evaluator().evaluate(scored) > 0.8);
    data.unpersist();
  }

  @Test
  void multiclassGbtTrainsOnTheClassWeights() {
    // Labels of the easy problem with a third of them redrawn at random; class 0 weighs 20 times
    // as much as the others. Before the fix the weighted fit failed: OneVsRest handed its GBTs
    // only label and features, so their weightCol (_lakeml_weight) named a missing column.
    Dataset<Row> noisy = data(Task.MULTICLASS).withColumn(LabelInfo.INDEXED,
        org.apache.spark.sql.functions.expr("IF(rand(5) < 0.33, CAST(FLOOR(rand(6) * 3) AS "
            + "DOUBLE), " + LabelInfo.INDEXED + ")"))
        .withColumn(io.lakeml.prep.ClassWeights.COLUMN, org.apache.spark.sql.functions.expr(
            "IF(" + LabelInfo.INDEXED + " = 0, 20.0, 1.0)")).cache();
    Map<String, Object> params = Map.of("maxIter", 10, "maxDepth", 3);
    long unweighted = ((PipelineModel) ModelFamily.GBT.estimator(
        new ModelContext(Task.MULTICLASS, 3, false), params, 1, Outputs.STANDARD).fit(noisy))
        .transform(noisy).where("prediction = 0").count();
    long weighted = ((PipelineModel) ModelFamily.GBT.estimator(
        new ModelContext(Task.MULTICLASS, 3, true), params, 1, Outputs.STANDARD).fit(noisy))
        .transform(noisy.drop(io.lakeml.prep.ClassWeights.COLUMN)).where("prediction = 0")
        .count();
    assertTrue(weighted > 2 * unweighted, "rows predicted as the heavy class 0: weighted "
        + weighted + ", unweighted " + unweighted);
    noisy.unpersist();
  }

  @Test
  void binaryOnlyFamiliesAndBadParametersAreRefused() {
    assertFalse(ModelFamily.LINEAR_SVC.supports(Task.MULTICLASS, 3));
    assertFalse(ModelFamily.FM.supports(Task.MULTICLASS, 3));
    assertFalse(ModelFamily.MLP.supports(Task.REGRESSION, 0));
    ModelContext ctx = new ModelContext(Task.BINARY, 2, false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFamily.MLP.estimator(ctx, Map.of("hiddenLayers", "8,x"), 1, Outputs.STANDARD));
    assertTrue(e.getMessage().contains("hiddenLayers"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ModelFamily.GBT.estimator(ctx,
        Map.of("maxDepth", 2.5), 1, Outputs.STANDARD));
    assertTrue(e.getMessage().contains("maxDepth = 2.5: expected a whole number"), e.getMessage());
  }
}
