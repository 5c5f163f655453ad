package io.lakeml.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.lakeml.config.ConfigLoader;
import io.lakeml.config.LakemlException;
import io.lakeml.config.Settings;
import io.lakeml.jobs.AutoMLJob;
import io.lakeml.jobs.JobRunner;
import io.lakeml.jobs.MonitorJob;
import io.lakeml.jobs.RegistryJob;
import io.lakeml.jobs.ScoreJob;
import io.lakeml.registry.RegistryEntry;
import io.lakeml.testing.SparkTest;
import io.lakeml.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downstream jobs on a real model: two AutoML runs register v1 (a one-split tree) and v2
 * (logistic regression, which must take over as champion on the same holdout), then ScoreJob
 * scores tables against the champion's training schema and MonitorJob checks the predictions.
 */
@ExtendWith(SparkTest.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScoreAndMonitorTest {
  @TempDir
  static Path dir;
  private String data;

  private List<String> base(String... extra) {
    List<String> sets = new ArrayList<>(List.of(
        "lakeml.lake.root=" + dir.resolve("lake"), "lakeml.run.name=credit",
        "lakeml.label.column=status", "lakeml.label.positive-class=bad",
        "lakeml.search.ensemble.enabled=false", "lakeml.search.holdout-top=1",
        "lakeml.report.enabled=false"));
    sets.addAll(List.of(extra));
    return sets;
  }

  private Settings settings(String... extra) {
    return Settings.from(ConfigLoader.load(List.of(), base(extra)));
  }

  private String[] args(String... extra) {
    List<String> out = new ArrayList<>();
    base(extra).forEach(s -> out.addAll(List.of("--set", s)));
    return out.toArray(String[]::new);
  }

  private Dataset<Row> lake(String table) {
    return SparkTest.spark().read().format("delta").load(dir.resolve("lake/" + table).toString());
  }

  @BeforeAll
  void trainTwoVersions() {
    SparkSession spark = SparkTest.spark();
    data = TestData.delta(TestData.binary(spark, 500, 11), dir.resolve("credit").toString());
    AutoMLJob.run(spark, settings("lakeml.run.id=stump", "lakeml.input.path=" + data,
        "lakeml.search.families=[decision_tree]", "lakeml.search.use-portfolio=false",
        "lakeml.search.max-trials=1", "lakeml.search.space.decision_tree.maxDepth=[1]",
        "lakeml.search.space.decision_tree.minInstancesPerNode=[1]"));
    AutoMLJob.run(spark, settings("lakeml.run.id=linear", "lakeml.input.path=" + data,
        "lakeml.search.families=[logistic_regression]", "lakeml.search.max-trials=1"));
  }

  @Test
  void betterChallengerBecomesChampionAndRollbackRestoresThePrevious() {
    List<RegistryEntry> versions = RegistryJob.run(SparkTest.spark(), settings());
    assertEquals(List.of("stump:archived", "linear:champion"), versions.stream()
        .map(v -> v.runId() + ":" + v.stage().id()).toList());
    assertTrue(versions.get(1).note().startsWith("beat areaUnderROC on run linear's holdout"),
        versions.get(1).note());
    assertEquals(2, JobRunner.execute("registry", args("lakeml.registry.action=promote"),
        RegistryJob::run, s -> SparkTest.spark(), false), "promote needs a version");
    List<RegistryEntry> rolled = RegistryJob.run(SparkTest.spark(),
        settings("lakeml.registry.action=rollback"));
    assertEquals("champion", rolled.get(0).stage().id());
    RegistryJob.run(SparkTest.spark(), settings("lakeml.registry.action=promote",
        "lakeml.registry.version=2"));
  }

  @Test
  void scoringChecksTheSchemaAndIsIdempotentAndMonitoringFindsDrift() {
    SparkSession spark = SparkTest.spark();
    RegistryJob.run(spark, settings("lakeml.registry.action=promote",
        "lakeml.registry.version=2"));
    Dataset<Row> fresh = TestData.binary(spark, 300, 12)
        .withColumn("age", col("age").cast("smallint"))        // a narrower integer: cast
        .withColumn("home", when(col("id").equalTo(0), lit("castle")).otherwise(col("home")))
        .withColumn("extra", lit("passed through"));
    String table = TestData.delta(fresh, dir.resolve("fresh").toString());
    BatchScorer.Scored s = ScoreJob.run(spark, settings("lakeml.run.id=score-1",
        "lakeml.score.input.path=" + table));
    assertEquals(2, s.version().version(), "the champion");
    Dataset<Row> out = lake("predictions/credit").where("run_id = 'score-1'");
    assertEquals(300, out.count());
    assertEquals(300, out.where("extra = 'passed through' AND model_version = 2 AND "
        + "model_run_id = 'linear' AND input_version = 0 AND scored_at IS NOT NULL AND "
        + "predicted_label IN ('good', 'bad') AND size(probability) = 2").count());
    double threshold = io.lakeml.registry.ModelInfo.read(spark, s.version().modelPath())
        .threshold();
    assertEquals(0, out.where(col("decision").notEqual(when(col("score").geq(threshold),
        lit("bad")).otherwise(lit("good")))).count(), "decision = score at the threshold");
    assertEquals(1, out.where("home = 'castle'").count(), "unseen category scored");
    double accuracy = out.where("decision = status").count() / 300.0;
    assertTrue(accuracy > 0.8, "accuracy " + accuracy);

    ScoreJob.run(spark, settings("lakeml.run.id=score-1", "lakeml.score.input.path=" + table));
    assertEquals(300, lake("predictions/credit").count(), "a rerun replaces its own rows");

    long version = DeltaTable.forPath(spark, dir.resolve("lake/predictions/credit").toString())
        .history(1).first().getLong(0);
    String noIncome = TestData.delta(fresh.drop("income"), dir.resolve("no-income").toString());
    LakemlException missing = assertThrows(LakemlException.class, () -> ScoreJob.run(spark,
        settings("lakeml.run.id=score-2", "lakeml.score.input.path=" + noIncome)));
    assertEquals("Delta table at " + noIncome + " (lakeml.score.input.path) lacks the column(s) "
        + "[income double] that model credit v2 (run linear) was trained on (expected name and "
        + "type; extra columns are fine)", missing.getMessage());
    String textIncome = TestData.delta(fresh.withColumn("income", col("income").cast("string")),
        dir.resolve("text-income").toString());
    LakemlException type = assertThrows(LakemlException.class, () -> ScoreJob.run(spark,
        settings("lakeml.run.id=score-2", "lakeml.score.input.path=" + textIncome)));
    assertTrue(type.getMessage().endsWith("[income is string, expected double]"),
        type.getMessage());
    String fractionalAge = TestData.delta(fresh.withColumn("age", col("age").plus(0.5)),
        dir.resolve("fractional-age").toString());
    LakemlException narrowing = assertThrows(LakemlException.class, () -> ScoreJob.run(spark,
        settings("lakeml.run.id=score-2", "lakeml.score.input.path=" + fractionalAge)));
    assertTrue(narrowing.getMessage().endsWith("[age is double, expected int]"),
        narrowing.getMessage());
    assertEquals(version, DeltaTable.forPath(spark, dir.resolve("lake/predictions/credit")
        .toString()).history(1).first().getLong(0), "nothing written by failed scoring runs");

    // Drift: the scoring run like the training data does not drift; incomes shifted do.
    assertEquals(0, MonitorJob.run(spark, settings("lakeml.run.id=mon-1",
        "lakeml.monitor.scoring-run-id=score-1")));
    String shifted = TestData.delta(fresh.withColumn("income", col("income").plus(120)),
        dir.resolve("shifted").toString());
    ScoreJob.run(spark, settings("lakeml.run.id=score-3", "lakeml.score.input.path=" + shifted));
    assertEquals(3, MonitorJob.run(spark, settings("lakeml.run.id=mon-2")),
        "the latest scoring run, drifted");
    List<String> drifted = lake("monitoring/drift").where("run_id = 'mon-2' AND drifted")
        .select(col("kind").cast("string").as("k")).selectExpr("k").as(
            org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertTrue(drifted.contains("feature") && drifted.contains("summary"), drifted.toString());
    assertEquals(1, lake("monitoring/drift").where("run_id = 'mon-2' AND drifted AND "
        + "kind = 'feature'").select("name").where("name = 'income'").count());
  }
}
