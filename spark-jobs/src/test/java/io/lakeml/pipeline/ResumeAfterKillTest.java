package io.lakeml.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.ConfigLoader;
import io.lakeml.config.Settings;
import io.lakeml.jobs.AutoMLJob;
import io.lakeml.testing.SparkTest;
import io.lakeml.testing.TestData;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AutoML job runs in a child JVM and is killed with SIGKILL (kill -9) once a few trials are
 * in automl/trials; rerunning the same run id must reuse those trials (same rows, untouched),
 * run only the rest, and leave exactly one row per trial.
 */
@ExtendWith(SparkTest.class)
class ResumeAfterKillTest {
  private static final int TRIALS = 6;

  @TempDir
  Path dir;

  @Test
  void rerunAfterKillNineResumesWithoutRedoingOrDuplicatingTrials() throws Exception {
    String data = TestData.delta(TestData.binary(SparkTest.spark(), 600, 5),
        dir.resolve("credit").toString());
    Path lake = dir.resolve("lake");
    List<String> sets = List.of("lakeml.lake.root=" + lake, "lakeml.input.path=" + data,
        "lakeml.label.column=status", "lakeml.label.positive-class=bad", "lakeml.run.id=crash",
        "lakeml.search.families=[logistic_regression, random_forest]",
        "lakeml.search.max-trials=" + TRIALS, "lakeml.search.parallelism=1",
        "lakeml.search.ensemble.enabled=false", "lakeml.search.holdout-top=1",
        "lakeml.report.enabled=false", "lakeml.registry.register=false");
    Path trialLog = lake.resolve("automl/trials/_delta_log");

    Process child = childJob(sets);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      while (commits(trialLog) < 2 && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(child.isAlive(), "the child job ended before it could be killed; see "
          + dir.resolve("child.log"));
      assertTrue(commits(trialLog) >= 2, "no trials appended in time");
    } finally {
      child.destroyForcibly();
      child.waitFor(60, TimeUnit.SECONDS);
    }
    List<Row> before = trials();
    assertTrue(before.size() >= 2 && before.size() < TRIALS, before.size() + " trials logged");
    assertEquals(0, Files.exists(lake.resolve("automl/runs")) ? SparkTest.spark().read()
        .format("delta").load(lake.resolve("automl/runs").toString()).count() : 0);

    AutoMLJob.run(SparkTest.spark(), Settings.from(ConfigLoader.load(List.of(), sets)));

    List<Row> after = trials();
    assertEquals(TRIALS, after.size());
    assertEquals(TRIALS, after.stream().map(r -> r.getInt(0)).distinct().count());
    Map<Integer, Row> afterByNumber = after.stream().collect(Collectors.toMap(r -> r.getInt(0),
        r -> r));
    for (Row r : before) {
      assertEquals(r, afterByNumber.get(r.getInt(0)), "trial " + r.getInt(0)
          + " was reused as logged, not run again");
    }
  }

  private List<Row> trials() {
    return SparkTest.spark().read().format("delta").load(dir.resolve("lake/automl/trials")
            .toString()).where("run_id = 'crash'").orderBy("trial_number")
        .select("trial_number", "params_json", "cv_mean", "finished_at").collectAsList();
  }

  private static long commits(Path deltaLog) throws Exception {
    if (!Files.isDirectory(deltaLog)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(deltaLog)) {
      return files.filter(p -> p.getFileName().toString().matches("\\d+\\.json")).count();
    }
  }

  private Process childJob(List<String> sets) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-") || arg.startsWith("-Xmx") || arg.startsWith("-D")) {
        cmd.add(arg);
      }
    }
    cmd.add("-Dspark.master=local[2]");
    cmd.add("-Dspark.ui.enabled=false");
    cmd.add("-Dspark.driver.host=127.0.0.1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.lakeml.jobs.AutoMLJob");
    for (String s : sets) {
      cmd.add("--set");
      cmd.add(s);
    }
    File log = dir.resolve("child.log").toFile();
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
  }
}
