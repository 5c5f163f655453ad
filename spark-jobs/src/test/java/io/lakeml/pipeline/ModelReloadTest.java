package io.lakeml.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lakeml.config.ConfigLoader;
import io.lakeml.config.Settings;
import io.lakeml.intake.Intake;
import io.lakeml.intake.IntakeResult;
import io.lakeml.lake.ModelStore;
import io.lakeml.lake.PinnedTable;
import io.lakeml.lake.TableRef;
import io.lakeml.prep.FeaturePipeline;
import io.lakeml.search.ModelFamily;
import io.lakeml.search.TrialResult;
import io.lakeml.search.TrialSpec;
import io.lakeml.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The saved model, every kind of preprocessing included, predicts exactly as before saving. */
@ExtendWith(SparkTest.class)
class ModelReloadTest {
  @TempDir
  Path dir;

  @Test
  void reloadedModelReproducesPredictions() {
    Dataset<Row> data = SparkTest.spark().sql("SELECT "
        + "IF(id % 13 = 0, NULL, ROUND(rand(1) * 100, 2)) AS amount, "
        + "CONCAT('c', CAST(id % 4 AS STRING)) AS color, id % 2 = 0 AS flag, "
        + "CONCAT('z', CAST(id * 7 % 120 AS STRING)) AS zip, "
        + "DATE_ADD(DATE'2024-01-01', CAST(id % 200 AS INT)) AS day, "
        + "CONCAT('words about item ', CAST(id % 90 AS STRING), ' and more') AS note, "
        + "IF(rand(2) < 0.15, 'yes', 'no') AS y FROM range(500)");
    Settings s = Settings.from(ConfigLoader.load(List.of(), List.of("lakeml.label.column=y",
        "lakeml.prep.clip-quantile=0.01")));
    IntakeResult in = new Intake(s.input(), s.label(), s.intake(), s.split())
        .run(new PinnedTable(TableRef.path("/t"), 0, data));
    in = in.withData(in.data().withColumn(io.lakeml.prep.ClassWeights.COLUMN,
        io.lakeml.prep.ClassWeights.column(in.label(), s.prep()).orElseThrow()));
    TrialSpec spec = new TrialSpec(1, ModelFamily.RANDOM_FOREST,
        Map.of("numTrees", 10, "maxDepth", 4), 7);
    io.lakeml.select.FeatureSelector selector = new io.lakeml.select.FeatureSelector(
        new io.lakeml.config.SelectSettings(io.lakeml.config.SelectSettings.Mode.ON, 20, 0.0,
            0.2, 0.98, 500, 0.99, 5), in.label().task(), 3, FeaturePipeline.ALL_FEATURES,
        FeaturePipeline.FEATURES, io.lakeml.intake.LabelInfo.INDEXED);
    Refits refits = new Refits(FeaturePipeline.build(in, s.prep(), java.util.Optional.of(
        selector)), in.data(), new io.lakeml.search.ModelContext(in.label().task(), 2, true),
        in.label().classes(), java.util.Set.of(spec.id()), new io.lakeml.search.FitClock());
    FinalModel fin = FinalModel.evaluate(in, refits.refit(Candidate.of(TrialResult.success(spec,
        "areaUnderROC", List.of(0.5), 0, 0, 0))), false, in.data().limit(50),
        io.lakeml.config.EvaluateSettings.ThresholdObjective.F1);
    String folder = dir.resolve("m").toString();
    new ModelStore(SparkTest.spark()).save(folder, fin.model(), Map.of());
    PipelineModel loaded = PipelineModel.load(ModelStore.modelPath(folder));
    Dataset<Row> raw = data.drop("y");
    String[] out = {"prediction", "probability", FinalModel.PREDICTED_LABEL};
    assertEquals(fin.model().transform(raw).selectExpr(out).collectAsList(),
        loaded.transform(raw).selectExpr(out).collectAsList());
  }
}
