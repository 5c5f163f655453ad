package io.lakeml.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakeml.config.ConfigLoader;
import io.lakeml.config.Settings;
import io.lakeml.jobs.AutoMLJob;
import io.lakeml.jobs.MaterializeFeaturesJob;
import io.lakeml.jobs.MonitorJob;
import io.lakeml.jobs.RegistryJob;
import io.lakeml.jobs.ScoreJob;
import io.lakeml.jobs.ValidateJob;
import io.lakeml.registry.ModelInfo;
import io.lakeml.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * AutoML on a point-in-time training set. Every entity has a feature row 10 days before its label
 * (an informative x, and flag = "unknown") and one 5 days after, where flag gives the label away.
 * A join that leaked that future row would score a holdout AUC of 1; the right one cannot, and
 * scoring joins the same features the same way. The run's provenance names the feature table
 * version read, and pinning it rebuilds the same training set after the table has changed.
 */
@ExtendWith(SparkTest.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeatureStoreAutoMLTest {
  @TempDir
  static Path dir;
  private Path conf;
  private RunSummary run;

  private Settings settings(String... extra) {
    List<String> sets = new ArrayList<>(List.of("lakeml.lake.root=" + dir.resolve("lake"),
        "lakeml.run.name=pit", "lakeml.label.column=y", "lakeml.label.positive-class=yes",
        "lakeml.search.families=[logistic_regression]", "lakeml.search.max-trials=1",
        "lakeml.search.ensemble.enabled=false", "lakeml.search.holdout-top=1",
        "lakeml.report.enabled=false", "lakeml.select.mode=off", "lakeml.cv.folds=2",
        // A leaked flag must reach the model (not be dropped as a leak) for the AUC to show it.
        "lakeml.intake.leakage.action=warn"));
    sets.addAll(List.of(extra));
    return Settings.from(ConfigLoader.load(List.of(conf.toString()), sets));
  }

  @BeforeAll
  void trainOnTheFeatureStore() throws Exception {
    SparkSession spark = SparkTest.spark();
    spark.sql("SELECT id AS entity, TIMESTAMP'2024-01-01 00:00:00' + make_interval(0, 0, 0, 0, "
            + "CAST(id AS INT), 0, 0) AS event_time, randn(3) AS x, rand(4) AS noise "
            + "FROM range(600)")
        .selectExpr("entity", "event_time", "x",
            "CASE WHEN x + 4 * (noise - 0.5) > 0 THEN 'yes' ELSE 'no' END AS y")
        .createOrReplaceTempView("truth");
    spark.sql("SELECT entity, event_time, y FROM truth").write().format("delta")
        .save(dir.resolve("labels").toString());
    spark.sql("SELECT entity, event_time - INTERVAL 10 DAYS AS at, x, 'unknown' AS flag "
            + "FROM truth UNION ALL SELECT entity, event_time + INTERVAL 5 DAYS AS at, x, "
            + "CASE WHEN y = 'yes' THEN 'default' ELSE 'repaid' END AS flag FROM truth")
        .write().format("delta").save(dir.resolve("signals").toString());
    conf = dir.resolve("pit.conf");
    Files.writeString(conf, "lakeml.feature-store.tables.signals { owner = test, "
        + "entity-keys = [entity], event-time = at, source.path = \"" + dir.resolve("signals")
        + "\", features = [{ name = x, type = double, description = \"informative\" }, "
        + "{ name = flag, type = string, description = \"the outcome, once known\" }] }\n"
        + "lakeml.input { path = \"" + dir.resolve("labels") + "\", features = [\"signals.*\"], "
        + "event-time = event_time }\n"
        + "lakeml.score.input.path = ${lakeml.input.path}\n");
    MaterializeFeaturesJob.run(spark, settings("lakeml.run.id=m1"));
    run = AutoMLJob.run(spark, settings("lakeml.run.id=pit1"));
  }

  @Test
  @Order(1)
  void trainsWithoutTheFutureAndRecordsTheFeatureVersions() throws Exception {
    double auc = run.holdoutMetrics().get("areaUnderROC");
    assertTrue(auc > 0.6 && auc < 0.95, "holdout AUC " + auc + ": a leak would give ~1");
    TrainingInput check = TrainingInput.read(SparkTest.spark(), settings("lakeml.run.id=check"));
    try {
      assertEquals(List.of("unknown"), check.table().data().select("flag").distinct()
          .collectAsList().stream().map(r -> r.getString(0)).toList());
    } finally {
      check.release();
    }
    JsonNode provenance = new ObjectMapper().readTree(Files.readString(
        Path.of(run.modelPath(), "provenance.json")));
    JsonNode fs = provenance.path("input").path("feature_store");
    // Version 0 created the feature table, 1 is the first MERGE.
    assertEquals(1, fs.path("feature_table_versions").path("signals").asLong(-1));
    assertEquals("event_time", fs.path("event_time").asText());
    ModelInfo info = ModelInfo.read(SparkTest.spark(), run.modelPath());
    assertEquals(List.of("signals.x", "signals.flag"), info.trainingSet().features());
    // The entity key and event time are not features; the joined ones are.
    assertEquals(List.of("x"), info.features().stream().map(ModelInfo.Feature::name)
        .filter(f -> !f.equals("flag")).toList());
  }

  @Test
  @Order(2)
  void scoringJoinsTheSameFeaturesAsOfEachRow() {
    ScoreJob.run(SparkTest.spark(), settings("lakeml.run.id=pit1-score"));
    Dataset<Row> predictions = SparkTest.spark().read().format("delta")
        .load(dir.resolve("lake/predictions/pit").toString()).where("run_id = 'pit1-score'");
    assertEquals(600, predictions.count());
    assertEquals(List.of("unknown"), predictions.select("flag").distinct().collectAsList()
        .stream().map(r -> r.getString(0)).toList());
    assertEquals(Map.of("signals", 1L), predictions.head().getJavaMap(
        predictions.schema().fieldIndex("feature_versions")));
  }

  @Test
  @Order(3)
  void pinnedFeatureVersionsRebuildTheTrainingSet() {
    SparkSession spark = SparkTest.spark();
    List<Row> before = sorted(TrainingInput.read(spark, settings("lakeml.run.id=r0")));
    spark.sql("SELECT entity, event_time - INTERVAL 1 DAYS AS at, x + 100 AS x, 'unknown' AS "
            + "flag FROM truth").write().format("delta").mode("append")
        .save(dir.resolve("signals").toString());
    MaterializeFeaturesJob.run(spark, settings("lakeml.run.id=m2"));
    TrainingInput latest = TrainingInput.read(spark, settings("lakeml.run.id=r1"));
    Map<String, Long> versions = latest.set().orElseThrow().featureVersions();
    assertNotEquals(before, sorted(latest));
    assertEquals(Map.of("signals", 2L), versions);
    TrainingInput replay = TrainingInput.read(spark, settings("lakeml.run.id=r2",
        "lakeml.input.feature-versions.signals=1"));
    assertEquals(before, sorted(replay));
  }

  @Test
  @Order(4)
  void validationAndRegistrationReleaseTheCachedTrainingSet() {
    SparkSession spark = SparkTest.spark();
    spark.catalog().clearCache();
    ValidateJob.run(spark, settings("lakeml.run.id=pit1-validate"));
    assertTrue(spark.sharedState().cacheManager().isEmpty(), "validate left a cached set");
    RegistryJob.run(spark, settings("lakeml.run.id=pit1-register",
        "lakeml.registry.action=register", "lakeml.registry.run-id=pit1"));
    assertTrue(spark.sharedState().cacheManager().isEmpty(), "register left a cached set");
  }

  @Test
  @Order(5)
  void theMonitorComparesTheFeatureTableWithTheVersionTrainedOn() {
    // After test 3, signals is at version 2: its x values were appended shifted by +100.
    SparkSession spark = SparkTest.spark();
    MonitorJob.run(spark, settings("lakeml.run.id=pit1-monitor",
        "lakeml.monitor.scoring-run-id=pit1-score"));
    List<Row> checks = spark.read().format("delta").load(dir.resolve("lake/monitoring/drift")
        .toString()).where("run_id = 'pit1-monitor' AND kind = 'feature_table'")
        .orderBy("name").collectAsList();
    assertEquals(List.of("signals.flag v1->v2", "signals.x v1->v2"), checks.stream()
        .map(r -> r.<String>getAs("name")).toList());
    Row x = checks.get(1);
    assertTrue(x.<Boolean>getAs("drifted"), "x shifted by 100: PSI " + x.getAs("value"));
  }

  /** The input's rows by entity; the input is released. */
  private static List<Row> sorted(TrainingInput input) {
    try {
      return input.table().data().orderBy("entity").collectAsList();
    } finally {
      input.release();
    }
  }
}
