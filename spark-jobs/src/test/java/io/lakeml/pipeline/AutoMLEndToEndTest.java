package io.lakeml.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakeml.config.ConfigLoader;
import io.lakeml.config.Settings;
import io.lakeml.jobs.AutoMLJob;
import io.lakeml.lake.ModelStore;
import io.lakeml.testing.SparkTest;
import io.lakeml.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class AutoMLEndToEndTest {
  @TempDir
  Path dir;

  private Settings settings(String data, String label, String... extra) {
    return settings(dir, data, label, extra);
  }

  /** A small search (2 families, 4 trials) of the table at data into dir/lake. */
  static Settings settings(Path dir, String data, String label, String... extra) {
    List<String> sets = new ArrayList<>(List.of(
        "lakeml.lake.root=" + dir.resolve("lake"),
        "lakeml.input.path=" + data,
        "lakeml.label.column=" + label,
        "lakeml.search.max-trials=4",
        "lakeml.search.families=[logistic_regression, random_forest]",
        // 20 iterations, not 100: an elastic-net fit (OWL-QN, a Spark job per iteration) took
        // 33 s per trial on these 600 rows.
        "lakeml.search.portfolio.logistic_regression=[{regParam=0.01, elasticNetParam=0, "
            + "maxIter=20}]",
        "lakeml.search.space.logistic_regression.maxIter=[20]",
        "lakeml.search.portfolio.random_forest=[{numTrees=10, maxDepth=3}]",
        "lakeml.search.space.random_forest.numTrees=[10, 20]",
        "lakeml.search.space.random_forest.maxDepth=[3, 5]",
        "lakeml.search.space.random_forest.minInstancesPerNode=[1]"));
    sets.addAll(List.of(extra));
    return Settings.from(ConfigLoader.load(List.of(), sets));
  }

  private Dataset<Row> table(String name) {
    return table(dir, name);
  }

  static Dataset<Row> table(Path dir, String name) {
    return SparkTest.spark().read().format("delta").load(dir.resolve("lake/automl/" + name)
        .toString());
  }

  private List<Row> trialMetrics(String runId) {
    return table("trials").where("run_id = '" + runId + "'").orderBy("trial_id")
        .select("trial_id", "family", "params_json", "cv_mean", "fold_metrics").collectAsList();
  }

  @Test
  void binaryRunWritesTablesAndModelAndRerunIsIdempotent() throws IOException {
    SparkSession spark = SparkTest.spark();
    String data = TestData.delta(TestData.binary(spark, 600, 3),
        dir.resolve("credit").toString());
    RunSummary first = AutoMLJob.run(spark, settings(data, "status", "lakeml.run.id=r1",
        "lakeml.label.positive-class=bad"));

    assertEquals("binary", first.task());
    assertEquals(List.of("good", "bad"), first.classes());
    assertEquals(0, first.inputVersion());
    assertEquals(600, first.rowsTrain() + first.rowsHoldout());
    long expectedHoldout = spark.read().format("delta").load(data).groupBy("status").count()
        .collectAsList().stream().mapToLong(r -> (long) Math.floor(r.getLong(1) * 0.2)).sum();
    assertEquals(expectedHoldout, first.rowsHoldout(), "stratified: floor(0.2 n) per class");
    assertTrue(first.holdoutMetrics().get("areaUnderROC") > 0.8, first.holdoutMetrics().toString());
    assertEquals(1, table("runs").count());
    assertEquals(4, table("trials").where("status = 'SUCCEEDED'").count());
    List<Row> board = table("leaderboard").orderBy("rank").collectAsList();
    assertEquals(3, board.size(), "best trial of each family, and the stacked ensemble");
    assertTrue(board.get(0).<Boolean>getAs("is_best"));
    assertEquals(first.bestTrialId(), board.get(0).getAs("trial_id"));
    assertFalse(board.get(1).<Boolean>getAs("is_best"));
    assertEquals(java.util.Set.of("logistic_regression", "random_forest", "stacked_ensemble"),
        board.stream().map(r -> r.<String>getAs("family")).collect(
            java.util.stream.Collectors.toSet()));
    assertTrue(board.stream().allMatch(r -> r.getList(r.fieldIndex("fold_metrics")).size() == 3
        && r.getDouble(r.fieldIndex("cv_std")) >= 0 && r.getDouble(r.fieldIndex("fit_seconds")) > 0
        && r.getDouble(r.fieldIndex("predict_seconds")) > 0));
    assertTrue(board.stream().limit(3).allMatch(r -> !r.isNullAt(r.fieldIndex("holdout_value"))),
        "the top 3 are refitted and scored on the holdout");
    List<Row> profile = table("profiles").orderBy("position").collectAsList();
    assertEquals(List.of("id", "income", "age", "home", "noise", "status"),
        profile.stream().map(r -> r.<String>getAs("column")).toList());
    assertEquals("identifier,numeric,numeric,categorical,numeric,label", String.join(",",
        profile.stream().map(r -> r.<String>getAs("semantic_type")).toList()));
    assertFalse(profile.get(0).<Boolean>getAs("kept"));
    assertEquals(0, prov(first).at("/input/delta_version").asLong());
    List<Row> trialsBefore = trialMetrics("r1");
    String html = Files.readString(dir.resolve("lake/reports/r1/index.html"));
    assertTrue(html.contains("data-chart=\"roc\"") && html.contains("r1"), "report of r1");

    // Same run id again: the run's rows are replaced, not duplicated, and the results repeat.
    // (Reports of the repeat runs are not looked at: off, to save the suite's time.)
    AutoMLJob.run(spark, settings(data, "status", "lakeml.run.id=r1",
        "lakeml.label.positive-class=bad", "lakeml.report.enabled=false"));
    assertEquals(1, table("runs").count());
    assertEquals(4, table("trials").count());
    assertEquals(3, table("leaderboard").count());
    assertEquals(6, table("profiles").count(), "one row per column, not duplicated");
    List<Row> selection = table("feature_selection").collectAsList();
    assertEquals(9, selection.size(), "income missing, 3 numbers, home one-hot (4 values + 1)");
    assertTrue(selection.stream().allMatch(r -> r.<Boolean>getAs("kept")
        && r.<String>getAs("reason").startsWith("kept: selection skipped for 9 slots")));
    assertSameTrials(trialsBefore, trialMetrics("r1"));

    // Another run id adds its own rows beside them.
    AutoMLJob.run(spark, settings(data, "status", "lakeml.run.id=r2",
        "lakeml.label.positive-class=bad", "lakeml.report.enabled=false"));
    assertEquals(List.of("r1", "r2"), table("runs").orderBy("run_id").select("run_id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(8, table("trials").count());
    assertSameTrials(trialMetrics("r1"), trialMetrics("r2"));

    // Evaluations of the refitted top entries; the winner's with every binary section.
    Dataset<Row> evals = table("evaluations").where("run_id = 'r1'");
    assertEquals(3, evals.select("candidate_id").distinct().count());
    List<String> sections = evals.where("is_best").select("section").distinct()
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertTrue(sections.containsAll(List.of("metric", "confusion", "roc", "pr", "calibration",
        "threshold", "prediction_dist")), sections.toString());
    assertEquals(first.rowsHoldout(), evals.where("is_best AND section = 'confusion'")
        .agg(org.apache.spark.sql.functions.sum("count")).first().getLong(0));
    // Registry: r1 is v1 and champion; r2 (the same model again) does not beat it by > 0.
    List<Row> registry = SparkTest.spark().read().format("delta")
        .load(dir.resolve("lake/automl/registry").toString()).orderBy("version").collectAsList();
    assertEquals(List.of("r1:1:champion", "r2:2:candidate"), registry.stream()
        .map(r -> r.getAs("run_id") + ":" + r.getAs("version") + ":" + r.getAs("stage"))
        .toList());
    // Model folder documents and the report.
    io.lakeml.registry.ModelInfo info = io.lakeml.registry.ModelInfo.read(spark,
        first.modelPath());
    assertEquals(List.of("income", "age", "home", "noise"), info.features().stream()
        .map(io.lakeml.registry.ModelInfo.Feature::name).toList());
    assertEquals("double", info.features().get(0).type());
    assertTrue(info.threshold() > 0 && info.threshold() < 1, "threshold " + info.threshold());
    String card = Files.readString(Path.of(first.modelPath(), "model_card.md"));
    assertTrue(card.contains("positive: `bad`") && card.contains("Holdout areaUnderROC"), card);
    assertFalse(Files.exists(dir.resolve("lake/reports/r1")), "the rerun with reports off "
        + "removed the first attempt's report");

    // The saved model scores raw rows, unseen category and nulls included.
    PipelineModel model = PipelineModel.load(ModelStore.modelPath(first.modelPath()));
    Dataset<Row> fresh = spark.sql("SELECT 7L AS id, CAST(NULL AS DOUBLE) AS income, 30 AS age,"
        + " 'castle' AS home, 0.0 AS noise UNION ALL SELECT 8L, 140.0, 40, 'owner', 0.1");
    List<Row> scored = model.transform(fresh).select("predicted_label", "probability")
        .collectAsList();
    assertEquals(2, scored.size());
    assertEquals("good", scored.get(1).getString(0), "high income owner");

    JsonNode prov = prov(first);
    assertEquals("[\"id: unique integers (100.0% distinct) that look like an identifier\"]",
        prov.at("/features/dropped").toString());
    assertEquals("r1", prov.get("run_id").asText());
    assertEquals(spark.version(), prov.at("/versions/spark").asText());
    assertEquals("4.3.1", prov.at("/versions/delta").asText());
    assertEquals(0, prov.at("/input/delta_version").asLong());
    assertEquals(data, prov.at("/input/ref").asText());
    assertEquals(42, prov.at("/seeds/root").asLong());
    assertFalse(prov.get("git_sha").asText().isEmpty());
    assertEquals("status", prov.at("/config/label/column").asText());
    assertEquals(first.bestFamily(), prov.at("/model/family").asText());
  }

  private static JsonNode prov(RunSummary run) throws IOException {
    return new ObjectMapper().readTree(Files.readString(Path.of(run.modelPath(),
        "provenance.json")));
  }

  /** Same trials, parameters and metrics; metrics to 1e-9 (distributed sums may differ in the
   * last bits between runs). */
  private static void assertSameTrials(List<Row> expected, List<Row> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      Row e = expected.get(i);
      Row a = actual.get(i);
      assertEquals(e.getString(0) + e.getString(1) + e.getString(2),
          a.getString(0) + a.getString(1) + a.getString(2));
      assertEquals(e.getDouble(3), a.getDouble(3), 1e-9, e.toString());
      List<Double> ef = e.getList(4);
      List<Double> af = a.getList(4);
      for (int k = 0; k < ef.size(); k++) {
        assertEquals(ef.get(k), af.get(k), 1e-9);
      }
    }
  }
}
