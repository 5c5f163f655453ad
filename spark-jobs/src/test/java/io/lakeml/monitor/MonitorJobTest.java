package io.lakeml.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.lakeml.config.ConfigLoader;
import io.lakeml.config.LakemlException;
import io.lakeml.config.Settings;
import io.lakeml.jobs.JobRunner;
import io.lakeml.jobs.MonitorJob;
import io.lakeml.lake.LakePaths;
import io.lakeml.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class MonitorJobTest {
  @TempDir
  static Path dir;
  static LakePaths lake;
  static String labels;

  @BeforeAll
  static void lake() {
    lake = MonitorLake.create(SparkTest.spark(), dir.resolve("lake").toString());
    labels = dir.resolve("labels").toString();
    MonitorLake.poorLabels(SparkTest.spark(), labels);
  }

  private static Settings settings(String monitorRunId, String... sets) {
    List<String> overrides = new ArrayList<>(List.of("lakeml.lake.root=" + lake.root(),
        "lakeml.run.name=" + MonitorLake.MODEL, "lakeml.run.id=" + monitorRunId));
    overrides.addAll(Arrays.asList(sets));
    return Settings.from(ConfigLoader.load(List.of(), overrides));
  }

  private static int monitor(String monitorRunId, String... sets) {
    return MonitorJob.run(SparkTest.spark(), settings(monitorRunId, sets));
  }

  /** The monitor run's rows by "kind/name". */
  private static Map<String, Row> drift(String monitorRunId) {
    if (!DeltaTable.isDeltaTable(SparkTest.spark(), lake.drift())) {
      return Map.of();
    }
    List<Row> rows = SparkTest.spark().read().format("delta").load(lake.drift())
        .where("run_id = '" + monitorRunId + "'").collectAsList();
    Map<String, Row> out = rows.stream().collect(Collectors.toMap(
        r -> r.<String>getAs("kind") + "/" + r.<String>getAs("name"), r -> r));
    assertEquals(rows.size(), out.size(), "one row per check: " + rows);
    return out;
  }

  private static boolean drifted(Row r) {
    return r.<Boolean>getAs("drifted");
  }

  private static double value(Row r) {
    return r.<Double>getAs("value");
  }

  @Test
  void trainingLikeScoresDoNotDrift() {
    assertEquals(0, monitor("mon-ok", "lakeml.monitor.scoring-run-id=score-ok"));
    Map<String, Row> rows = drift("mon-ok");
    assertEquals(List.of("feature/amount", "feature/color", "performance/areaUnderROC",
        "prediction/prediction", "summary/any"), rows.keySet().stream().sorted().toList());
    rows.values().forEach(r -> assertFalse(drifted(r), r.toString()));
    for (String check : List.of("feature/amount", "feature/color", "prediction/prediction")) {
      Row r = rows.get(check);
      assertTrue(value(r) < 0.02, check + " psi " + value(r));
      assertEquals("psi", r.getAs("statistic"));
      assertEquals(0.2, r.<Double>getAs("threshold"), 0);
      assertEquals(MonitorLake.ROWS, r.<Long>getAs("rows"));
    }
    Row perf = rows.get("performance/areaUnderROC");
    assertEquals(1.0, value(perf), 1e-9);
    assertEquals(MonitorLake.HOLDOUT_AUC, perf.<Double>getAs("baseline"), 0);
    Row summary = rows.get("summary/any");
    assertEquals(0.0, value(summary), 0);
    assertEquals("score-ok", summary.getAs("scoring_run_id"));
    assertEquals(MonitorLake.MODEL, summary.getAs("model_name"));
    assertEquals(2, summary.<Integer>getAs("model_version"));
    assertEquals(MonitorLake.TRAIN_RUN, summary.getAs("model_run_id"));
  }

  @Test
  void shiftedNumericFeatureDriftsAndTheLatestRunIsTheDefault() {
    // score-shift has the latest scored_at: picked without lakeml.monitor.scoring-run-id.
    int code = JobRunner.executeWithCode("monitor", new String[] {"--set",
        "lakeml.lake.root=" + lake.root(), "--set", "lakeml.run.name=" + MonitorLake.MODEL,
        "--run-id", "mon-shift"}, MonitorJob::run, s -> SparkTest.spark(), false);
    assertEquals(3, code);
    Map<String, Row> rows = drift("mon-shift");
    assertEquals("score-shift", rows.get("summary/any").getAs("scoring_run_id"));
    assertTrue(drifted(rows.get("feature/amount")));
    assertTrue(value(rows.get("feature/amount")) > 1, rows.get("feature/amount").toString());
    assertFalse(drifted(rows.get("feature/color")));
    assertFalse(drifted(rows.get("prediction/prediction")));
    assertFalse(rows.containsKey("performance/areaUnderROC"), "no labels in score-shift");
    assertTrue(drifted(rows.get("summary/any")));
    assertEquals(1.0, value(rows.get("summary/any")), 0);
  }

  @Test
  void newDominantCategoryDriftsAndTheExitCodeIsConfigurable() {
    assertEquals(7, monitor("mon-newcat", "lakeml.monitor.scoring-run-id=score-newcat",
        "lakeml.monitor.drift-exit-code=7"));
    Map<String, Row> rows = drift("mon-newcat");
    assertTrue(drifted(rows.get("feature/color")));
    assertFalse(drifted(rows.get("feature/amount")));
    assertFalse(drifted(rows.get("prediction/prediction")));
  }

  @Test
  void poorPredictionsOnLateLabelsDriftInPerformance() {
    assertEquals(3, monitor("mon-poor", "lakeml.monitor.scoring-run-id=score-poor",
        "lakeml.monitor.labels.path=" + labels, "lakeml.monitor.labels.key-columns=[id]"));
    Map<String, Row> rows = drift("mon-poor");
    Row perf = rows.get("performance/areaUnderROC");
    assertTrue(drifted(perf));
    assertEquals(0.0, value(perf), 1e-9);
    assertEquals(200L, perf.<Long>getAs("rows"), "only the ids with a label");
    assertEquals("areaUnderROC", perf.getAs("statistic"));
    assertEquals(0.05, perf.<Double>getAs("threshold"), 0);
    assertFalse(drifted(rows.get("feature/amount")));
    assertFalse(drifted(rows.get("feature/color")));
    assertTrue(drifted(rows.get("summary/any")));
  }

  @Test
  void rerunReplacesItsOwnRows() {
    assertEquals(0, monitor("mon-rerun", "lakeml.monitor.scoring-run-id=score-ok"));
    assertEquals(3, monitor("mon-rerun", "lakeml.monitor.scoring-run-id=score-shift"));
    Map<String, Row> rows = drift("mon-rerun");
    assertEquals(4, rows.size(), rows.toString());
    rows.values().forEach(r -> assertEquals("score-shift", r.getAs("scoring_run_id")));
    long all = SparkTest.spark().read().format("delta").load(lake.drift())
        .where("run_id = 'mon-rerun'").count();
    assertEquals(4, all);
  }

  @Test
  void missingScoringRunExitsWithTwoAndWritesNothing() {
    SparkSession spark = SparkTest.spark();
    long before = DeltaTable.isDeltaTable(spark, lake.drift())
        ? DeltaTable.forPath(spark, lake.drift()).history(1).head().<Long>getAs("version") : -1;
    String[] args = {"--set", "lakeml.lake.root=" + lake.root(), "--set",
        "lakeml.run.name=" + MonitorLake.MODEL, "--run-id", "mon-missing", "--set",
        "lakeml.monitor.scoring-run-id=score-nope"};
    assertEquals(2, JobRunner.executeWithCode("monitor", args, MonitorJob::run, s -> spark,
        false));
    LakemlException e = assertThrows(LakemlException.class, () -> monitor("mon-missing",
        "lakeml.monitor.scoring-run-id=score-nope"));
    assertEquals("Invalid lakeml.monitor.scoring-run-id: \"score-nope\" (no rows with run_id ="
        + " 'score-nope' in the predictions table at " + lake.predictions(MonitorLake.MODEL)
        + ")", e.getMessage());
    long after = DeltaTable.isDeltaTable(spark, lake.drift())
        ? DeltaTable.forPath(spark, lake.drift()).history(1).head().<Long>getAs("version") : -1;
    assertEquals(before, after, "nothing written");
  }

  @Test
  void mixedModelVersionsAndMissingTablesAreUserErrors() {
    LakemlException mixed = assertThrows(LakemlException.class, () -> monitor("mon-mixed",
        "lakeml.monitor.scoring-run-id=score-mixed"));
    assertTrue(mixed.getMessage().startsWith("Scoring run score-mixed in the predictions table at "
        + lake.predictions(MonitorLake.MODEL) + " mixes 2 models"), mixed.getMessage());
    LakemlException noTable = assertThrows(LakemlException.class, () -> monitor("mon-other",
        "lakeml.registry.model=other"));
    assertTrue(noTable.getMessage().startsWith("No predictions table at "
        + lake.predictions("other")), noTable.getMessage());
    LakemlException noLabels = assertThrows(LakemlException.class, () -> monitor("mon-labels",
        "lakeml.monitor.scoring-run-id=score-poor", "lakeml.monitor.labels.path=" + labels,
        "lakeml.monitor.labels.key-columns=[ref]"));
    assertTrue(noLabels.getMessage().contains("has no column ref"), noLabels.getMessage());
    assertFalse(drift("mon-mixed").size() + drift("mon-other").size()
        + drift("mon-labels").size() > 0, "nothing written");
  }
}
