package io.lakeml.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.Task;
import io.lakeml.ensemble.StackedEnsemble;
import io.lakeml.evaluate.Metric;
import io.lakeml.intake.LabelInfo;
import io.lakeml.lake.ModelStore;
import io.lakeml.prep.FeaturePipeline;
import io.lakeml.search.CrossValidation;
import io.lakeml.search.FitClock;
import io.lakeml.search.ModelContext;
import io.lakeml.search.ModelFamily;
import io.lakeml.search.OutOfFold;
import io.lakeml.search.Outputs;
import io.lakeml.search.PreparedFolds;
import io.lakeml.search.TrialResult;
import io.lakeml.search.TrialSpec;
import io.lakeml.split.FoldAssigner;
import io.lakeml.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/**
 * The shared refit: an ensemble of logistic regression and a factorization machine (a scaler in
 * front: a pipeline member) and both as candidates of their own take two model fits, not four,
 * and every final model predicts exactly as a separate refit of its own pipeline does, saved and
 * reloaded included.
 */
@ExtendWith(SparkTest.class)
class RefitsTest {
  private static final String DATA = "SELECT id, u, v, w, IF(rand(3) < 1 / (1 + exp(-(3 * u - 2 * v"
      + " + 4 * u * w - 1))), 1.0, 0.0) AS " + LabelInfo.INDEXED + ", CAST(id %% 3 AS INT) AS "
      + FoldAssigner.FOLD + ", id AS " + FoldAssigner.ROW + ", rand(4) AS " + FoldAssigner.SAMPLE
      + " FROM (SELECT id, rand(5) u, rand(6) v, rand(7) w FROM range(%d, %d))";

  @TempDir
  Path dir;

  @Test
  void eachModelIsFittedOnceAndPredictsAsASeparateRefit() {
    Dataset<Row> training = SparkTest.spark().sql(String.format(DATA, 0, 1200)).cache();
    Dataset<Row> holdout = SparkTest.spark().sql(String.format(DATA, 50_000, 50_300));
    Pipeline prep = new Pipeline().setStages(new PipelineStage[] {new VectorAssembler()
        .setInputCols(new String[] {"u", "v", "w"}).setOutputCol(FeaturePipeline.FEATURES)});
    ModelContext ctx = new ModelContext(Task.BINARY, 2, false);
    Metric auc = Metric.AREA_UNDER_ROC;
    List<TrialResult> members = new ArrayList<>();
    StackedEnsemble.Cv ensemble;
    try (PreparedFolds folds = PreparedFolds.prepare(prep, training, 3)) {
      CrossValidation cv = new CrossValidation(SparkTest.spark(), folds, ctx, auc,
          new OutOfFold(auc));
      members.add(cv.apply(new TrialSpec(1, ModelFamily.LOGISTIC_REGRESSION,
          Map.of("regParam", 0.001, "maxIter", 30), 11)));
      members.add(cv.apply(new TrialSpec(2, ModelFamily.FM,
          Map.of("factorSize", 4, "maxIter", 30, "stepSize", 0.1), 12)));
      members.forEach(m -> assertTrue(m.succeeded(), m.error()));
      ensemble = StackedEnsemble.crossValidate(members.stream().map(cv::predictionsOf).toList(),
          ctx, auc, 3);
    }
    Refits refits = new Refits(prep, training, ctx, List.of("0", "1"), Set.of("t001", "t002"),
        new FitClock());
    PipelineModel shared = refits.refit(Candidate.of(ensemble)).model();
    PipelineModel lr = refits.refit(Candidate.of(members.get(0))).model();
    PipelineModel fm = refits.refit(Candidate.of(members.get(1))).model();
    assertEquals(2, refits.modelFits(), "each model fitted once");

    List<PipelineStage> alone = new ArrayList<>(List.of(prep.getStages()));
    alone.addAll(StackedEnsemble.stages(ensemble, ctx));
    assertSamePredictions(separate(alone, training), shared, holdout, "the ensemble");
    for (int i = 0; i < 2; i++) {
      TrialSpec m = members.get(i).spec();
      List<PipelineStage> single = new ArrayList<>(List.of(prep.getStages()));
      single.add(m.family().estimator(ctx, m.params(), m.seed(), Outputs.STANDARD));
      assertSamePredictions(separate(single, training), i == 0 ? lr : fm, holdout, m.id());
    }
    String folder = dir.resolve("ensemble").toString();
    new ModelStore(SparkTest.spark()).save(folder, shared, Map.of());
    assertSamePredictions(PipelineModel.load(ModelStore.modelPath(folder)), shared, holdout,
        "the reloaded ensemble");
    assertEquals(List.of("0", "1"), shared.transform(holdout).select(FinalModel.PREDICTED_LABEL)
        .distinct().orderBy(FinalModel.PREDICTED_LABEL).as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList());
    training.unpersist();
  }

  private static PipelineModel separate(List<PipelineStage> stages, Dataset<Row> training) {
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(training);
  }

  private static void assertSamePredictions(PipelineModel expected, PipelineModel actual,
      Dataset<Row> rows, String what) {
    List<Row> e = expected.transform(rows).orderBy("id").select("probability").collectAsList();
    List<Row> a = actual.transform(rows).orderBy("id").select("probability").collectAsList();
    assertEquals(e.size(), a.size());
    for (int i = 0; i < e.size(); i++) {
      double pe = ((Vector) e.get(i).get(0)).apply(1);
      double pa = ((Vector) a.get(i).get(0)).apply(1);
      assertEquals(pe, pa, 1e-12, what + ", row " + i);
    }
  }
}
