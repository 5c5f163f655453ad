package io.lakeml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.LakemlException;
import io.lakeml.testing.SparkTest;
import io.lakeml.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class JobRunnerTest {
  @TempDir
  Path dir;

  private int automl(String... args) {
    return JobRunner.execute("automl", args, AutoMLJob::run, s -> SparkTest.spark(), false);
  }

  @Test
  void badConfigExitsWithTwoBeforeSparkIsTouched() {
    int code = JobRunner.execute("automl", new String[] {"--set", "lakeml.cv.folds=1"},
        AutoMLJob::run, s -> {
          throw new AssertionError("no session for a bad config");
        }, false);
    assertEquals(LakemlException.EXIT_CODE, code);
    assertEquals(2, automl("--bogus"));
    assertEquals(0, automl("--help"));
  }

  @Test
  void checkConfigValidatesWithoutSpark() {
    java.util.function.Function<io.lakeml.config.Settings, org.apache.spark.sql.SparkSession>
        none = s -> {
          throw new AssertionError("no session when only checking the config");
        };
    assertEquals(0, JobRunner.execute("automl", new String[] {"--check-config", "--config",
        "../conf/pipelines/credit_demo.conf", "--config", "../conf/env/yarn.conf"},
        AutoMLJob::run, none, false));
    assertEquals(LakemlException.EXIT_CODE, JobRunner.execute("automl", new String[] {
        "--check-config", "--set", "lakeml.search.max-trials=0"}, AutoMLJob::run, none, false));
    assertEquals(LakemlException.EXIT_CODE, JobRunner.execute("automl", new String[] {
        "--check-config", "--set", "lakeml.serach.max-trials=3"}, AutoMLJob::run, none, false));
  }

  @Test
  void badInputExitsWithTwoAndWritesNothing() {
    String data = TestData.delta(TestData.binary(SparkTest.spark(), 50, 1),
        dir.resolve("in").toString());
    Path lake = dir.resolve("lake");
    assertEquals(2, automl("--set", "lakeml.lake.root=" + lake, "--set",
        "lakeml.input.path=" + data, "--set", "lakeml.label.column=Status"));
    assertEquals(2, automl("--set", "lakeml.lake.root=" + lake, "--set",
        "lakeml.input.path=" + dir.resolve("missing"), "--set", "lakeml.label.column=status"));
    assertEquals(2, automl("--set", "lakeml.lake.root=" + lake, "--set",
        "lakeml.input.path=" + data, "--set", "lakeml.label.column=status", "--set",
        "lakeml.search.space.random_forest.maxDepth=[-3]"));
    assertFalse(Files.exists(lake), "nothing may be written for bad input");
  }

  @Test
  void unexpectedFailureExitsWithOne() {
    assertEquals(1, JobRunner.execute("automl", new String[0], (spark, settings) -> {
      throw new IllegalStateException("boom");
    }, s -> SparkTest.spark(), false));
    assertTrue(LakemlException.EXIT_CODE != 1);
  }
}
