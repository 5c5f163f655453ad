package io.lakeml.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.lakeml.config.ConfigLoader;
import io.lakeml.config.Settings;
import io.lakeml.jobs.AutoMLJob;
import io.lakeml.jobs.JobRunner;
import io.lakeml.jobs.RegistryJob;
import io.lakeml.jobs.ValidateJob;
import io.lakeml.lake.LakePaths;
import io.lakeml.registry.RegistryEntry;
import io.lakeml.testing.SparkTest;
import io.lakeml.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training DAG's own stages: ValidateJob (intake and profile only) and RegistryJob's register
 * action for AutoML runs made with lakeml.registry.register = false.
 */
@ExtendWith(SparkTest.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingStageJobsTest {
  @TempDir
  static Path dir;
  private String data;

  private List<String> base(String... extra) {
    List<String> sets = new ArrayList<>(List.of(
        "lakeml.lake.root=" + dir.resolve("lake"), "lakeml.run.name=credit",
        "lakeml.label.column=status", "lakeml.label.positive-class=bad",
        "lakeml.search.ensemble.enabled=false", "lakeml.search.holdout-top=1",
        "lakeml.report.enabled=false", "lakeml.registry.register=false",
        "lakeml.input.path=" + data));
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

  private long profileRows(String runId) {
    String path = new LakePaths(dir.resolve("lake").toString()).profiles();
    if (!DeltaTable.isDeltaTable(SparkTest.spark(), path)) {
      return 0;
    }
    return SparkTest.spark().read().format("delta").load(path)
        .where("run_id = '" + runId + "'").count();
  }

  @BeforeAll
  void data() {
    data = TestData.delta(TestData.binary(SparkTest.spark(), 500, 11),
        dir.resolve("credit").toString());
  }

  @Test
  void validateWritesTheProfileOnceAndNothingForBadInput() {
    SparkSession spark = SparkTest.spark();
    ValidateJob.run(spark, settings("lakeml.run.id=check-1"));
    long columns = profileRows("check-1");
    assertTrue(columns > 3, "one row per column: " + columns);
    ValidateJob.run(spark, settings("lakeml.run.id=check-1"));
    assertEquals(columns, profileRows("check-1"), "a rerun replaces its own rows");
    assertEquals(2, JobRunner.execute("validate", args("lakeml.run.id=check-bad",
        "lakeml.label.column=no_such_column"), ValidateJob::run, s -> spark, false));
    assertEquals(0, profileRows("check-bad"), "bad input: nothing written");
  }

  @Test
  void registerRegistersOnceAndAppliesThePromotionRule() {
    SparkSession spark = SparkTest.spark();
    AutoMLJob.run(spark, settings("lakeml.run.id=stump",
        "lakeml.search.families=[decision_tree]", "lakeml.search.use-portfolio=false",
        "lakeml.search.max-trials=1", "lakeml.search.space.decision_tree.maxDepth=[1]",
        "lakeml.search.space.decision_tree.minInstancesPerNode=[1]"));
    AutoMLJob.run(spark, settings("lakeml.run.id=linear",
        "lakeml.search.families=[logistic_regression]", "lakeml.search.max-trials=1"));
    String registry = new LakePaths(dir.resolve("lake").toString()).registry();
    assertFalse(DeltaTable.isDeltaTable(spark, registry), "register = false: AutoML registers nothing");

    // The holdout rebuilt from the run's recorded config is the run's own.
    RunSummary stump = RunRegistration.summary(spark.read().format("delta")
        .load(new LakePaths(dir.resolve("lake").toString()).runs())
        .where("run_id = 'stump'").first());
    Settings trained = RunRegistration.trainedSettings(stump,
        io.lakeml.registry.ModelInfo.read(spark, stump.modelPath()));
    TrainingInput input = TrainingInput.read(spark, trained);
    try {
      assertEquals(stump.rowsHoldout(), RunRegistration.holdout(input, trained).count());
    } finally {
      input.release();
    }

    List<RegistryEntry> first = RegistryJob.run(spark, settings("lakeml.run.id=register-1",
        "lakeml.registry.action=register", "lakeml.registry.run-id=stump"));
    assertEquals(List.of("stump:1:champion"), describe(first));
    assertEquals(List.of("stump:1:champion"), describe(RegistryJob.run(spark, settings(
        "lakeml.run.id=register-1", "lakeml.registry.action=register",
        "lakeml.registry.run-id=stump"))), "a rerun keeps the one version");
    // run-id null = this job's run id
    List<RegistryEntry> second = RegistryJob.run(spark, settings("lakeml.run.id=linear",
        "lakeml.registry.action=register"));
    assertEquals(List.of("stump:1:archived", "linear:2:champion"), describe(second));
    assertTrue(second.get(1).note().startsWith("beat areaUnderROC on run linear's holdout"),
        second.get(1).note());

    assertEquals(2, JobRunner.execute("registry", args("lakeml.run.id=register-x",
        "lakeml.registry.action=register", "lakeml.registry.run-id=no-such-run"),
        RegistryJob::run, s -> spark, false), "unknown run: exit 2");
  }

  private static List<String> describe(List<RegistryEntry> versions) {
    return versions.stream().map(v -> v.runId() + ":" + v.version() + ":" + v.stage().id())
        .toList();
  }
}
