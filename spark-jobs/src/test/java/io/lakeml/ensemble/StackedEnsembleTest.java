package io.lakeml.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.Task;
import io.lakeml.evaluate.Metric;
import io.lakeml.intake.LabelInfo;
import io.lakeml.prep.FeaturePipeline;
import io.lakeml.search.CrossValidation;
import io.lakeml.search.ModelContext;
import io.lakeml.search.ModelFamily;
import io.lakeml.search.OutOfFold;
import io.lakeml.search.PreparedFolds;
import io.lakeml.search.TrialResult;
import io.lakeml.search.TrialSpec;
import io.lakeml.split.FoldAssigner;
import io.lakeml.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A seeded problem with a linear part (which logistic regression gets and a forest only
 * approximates) and an XOR interaction (which only the forest gets): the stacked ensemble must
 * score at least as well as its best member, in cross-validation and on rows it never saw.
 */
@ExtendWith(SparkTest.class)
class StackedEnsembleTest {
  private static final String SQL = "SELECT id, x1, x2, x3, x4, IF(rand(11) < 1 / (1 + exp(-("
      + "4 * (x1 - x2) + 2.5 * IF((x3 > 0.5) != (x4 > 0.5), 1, -1)))), 1.0, 0.0) AS "
      + LabelInfo.INDEXED + ", CAST(id %% 3 AS INT) AS " + FoldAssigner.FOLD + ", id AS "
      + FoldAssigner.ROW + ", rand(5) AS " + FoldAssigner.SAMPLE + " FROM (SELECT id, rand(1) x1, "
      + "rand(2) x2, rand(3) x3, rand(4) x4 FROM range(%d, %d))";

  @Test
  void ensembleBeatsOrEqualsItsBestMember() {
    Dataset<Row> training = SparkTest.spark().sql(String.format(SQL, 0, 2400)).cache();
    Dataset<Row> holdout = SparkTest.spark().sql(String.format(SQL, 100_000, 101_500)).cache();
    Pipeline prep = new Pipeline().setStages(new PipelineStage[] {new VectorAssembler()
        .setInputCols(new String[] {"x1", "x2", "x3", "x4"})
        .setOutputCol(FeaturePipeline.FEATURES)});
    ModelContext ctx = new ModelContext(Task.BINARY, 2, false);
    Metric auc = Metric.AREA_UNDER_ROC;
    List<TrialResult> members = new ArrayList<>();
    StackedEnsemble.Cv cv;
    try (PreparedFolds folds = PreparedFolds.prepare(prep, training, 3)) {
      CrossValidation validation = new CrossValidation(SparkTest.spark(), folds, ctx, auc,
          new OutOfFold(auc));
      members.add(validation.apply(new TrialSpec(1, ModelFamily.LOGISTIC_REGRESSION,
          Map.of("regParam", 0.001, "maxIter", 50), 1)));
      members.add(validation.apply(new TrialSpec(2, ModelFamily.RANDOM_FOREST,
          Map.of("numTrees", 40, "maxDepth", 6), 2)));
      members.forEach(m -> assertTrue(m.succeeded(), m.error()));
      List<OutOfFold.Entry> predictions = members.stream().map(validation::predictionsOf)
          .toList();
      // The meta features have one fold's partitions, not the join's shuffle partitions (at
      // Spark's default of 200, each meta-learner iteration ran 200 tasks).
      String shuffle = SparkTest.spark().conf().get("spark.sql.shuffle.partitions");
      SparkTest.spark().conf().set("spark.sql.shuffle.partitions", "200");
      try {
        int onePerFold = predictions.get(0).predictions().rdd().getNumPartitions() / 3;
        assertEquals(Math.max(1, onePerFold), StackedEnsemble.metaFeatures(predictions, ctx, 3)
            .rdd().getNumPartitions());
      } finally {
        SparkTest.spark().conf().set("spark.sql.shuffle.partitions", shuffle);
      }
      cv = StackedEnsemble.crossValidate(predictions, ctx, auc, 3);
    }
    double bestMember = Math.max(members.get(0).mean(), members.get(1).mean());
    assertEquals(3, cv.foldMetrics().size());
    assertTrue(cv.mean() >= bestMember, "ensemble CV " + cv.mean() + " vs best member "
        + bestMember);

    List<Double> holdoutAuc = new ArrayList<>();
    for (TrialResult m : members) {
      holdoutAuc.add(holdoutAuc(training, holdout, prep, List.of(m.spec().family().estimator(
          ctx, m.spec().params(), m.spec().seed(), io.lakeml.search.Outputs.STANDARD)), auc));
    }
    double ensembleHoldout = holdoutAuc(training, holdout, prep, StackedEnsemble.stages(cv, ctx),
        auc);
    assertTrue(ensembleHoldout >= Math.max(holdoutAuc.get(0), holdoutAuc.get(1)),
        "ensemble holdout " + ensembleHoldout + " vs members " + holdoutAuc);
    training.unpersist();
    holdout.unpersist();
  }

  private static double holdoutAuc(Dataset<Row> training, Dataset<Row> holdout, Pipeline prep,
      List<PipelineStage> model, Metric metric) {
    List<PipelineStage> stages = new ArrayList<>(List.of(prep.getStages()));
    stages.addAll(model);
    PipelineModel fitted = new Pipeline().setStages(stages.toArray(PipelineStage[]::new))
        .fit(training);
    return metric.evaluator().evaluate(fitted.transform(holdout));
  }
}
