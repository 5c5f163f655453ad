package io.lakeml.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.ConfigLoader;
import io.lakeml.config.LakemlException;
import io.lakeml.config.Settings;
import io.lakeml.evaluate.EvaluationTable;
import io.lakeml.intake.ProfileTable;
import io.lakeml.jobs.ReportJob;
import io.lakeml.lake.LakePaths;
import io.lakeml.pipeline.RunTableSchemas;
import io.lakeml.testing.SparkTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

@ExtendWith(SparkTest.class)
class ReportDataTest {
  private static final Timestamp T0 = Timestamp.from(Instant.parse("2026-11-25T03:00:00Z"));

  /** One lake for the class (Delta writes are the slow part): run r-7 with every table. */
  @TempDir
  static Path dir;
  private static LakePaths lake;

  @BeforeAll
  static void writeLake() throws IOException {
    lake = new LakePaths(dir.resolve("lake").toString());
    String modelPath = lake.model("demo", "r-7");
    writeRunTables(lake, modelPath);
    write(lake.profiles(), ProfileTable.SCHEMA, profile("y", 1, false), profile("x", 0, true));
    write(lake.evaluations(), EvaluationTable.SCHEMA, roc(1, 1.0, 1.0), roc(0, 0.0, 0.0));
    Files.createDirectories(Path.of(modelPath));
    Files.writeString(Path.of(modelPath, "provenance.json"), "{\"git_sha\":\"abc\"}");
  }

  @Test
  void loadsTheRunsRowsFromEveryTable() {
    ReportData data = ReportData.load(SparkTest.spark(), lake, "r-7");
    RunInfo run = data.run();
    assertEquals("r-7", run.runId());
    assertEquals("binary", run.task());
    assertEquals(5L, run.inputVersion());
    assertEquals(Map.of("areaUnderROC", 0.85), run.holdoutMetrics());
    assertEquals(T0.toInstant(), run.startedAt());
    assertEquals(List.of("x", "y"), data.profiles().stream().map(p -> p.column()).toList());
    assertEquals(Boolean.FALSE, data.profiles().get(1).kept());
    assertEquals(List.of(1, 2), data.leaderboard().stream().map(l -> l.rank()).toList());
    assertEquals(List.of(0.8, 0.82), data.leaderboard().get(0).foldMetrics());
    assertTrue(data.leaderboard().get(0).best());
    assertEquals(2, data.trials().size(), "the other run's trial is not read");
    assertEquals(List.of(0.0, 1.0), data.best("roc").stream().map(p -> p.x()).toList());
    assertTrue(data.provenance().contains("\n  \"git_sha\" : \"abc\""), data.provenance());
  }

  @Test
  void missingTablesReadAsEmpty() {
    // The pipeline's variant: the runs row in memory; only trials and leaderboard exist.
    LakePaths partial = new LakePaths(dir.resolve("partial-lake").toString());
    write(partial.trials(), RunTableSchemas.TRIALS, trial("r-1", "t-1", 0.81));
    RunInfo run = SampleReports.run("binary", "areaUnderROC");
    ReportData data = ReportData.load(SparkTest.spark(), partial, "r-1", run);
    assertEquals(run, data.run());
    assertEquals(1, data.trials().size());
    assertTrue(data.evaluations().isEmpty() && data.profiles().isEmpty()
        && data.leaderboard().isEmpty());
    assertNull(data.provenance(), "no model folder");
    LakemlException e = assertThrows(LakemlException.class,
        () -> ReportData.load(SparkTest.spark(), partial, "r-1"));
    assertEquals("No run r-1 in automl/runs at " + partial.runs(), e.getMessage());
  }

  @Test
  void unknownRunFailsNamingTheRunAndTable() {
    LakemlException e = assertThrows(LakemlException.class,
        () -> ReportData.load(SparkTest.spark(), lake, "r-404"));
    assertEquals("No run r-404 in automl/runs at " + lake.runs(), e.getMessage());
    LakePaths empty = new LakePaths(dir.resolve("empty-lake").toString());
    e = assertThrows(LakemlException.class, () -> ReportJob.run(SparkTest.spark(),
        settings(empty, "r-9")));
    assertEquals("No run r-9 in automl/runs at " + empty.runs(), e.getMessage());
  }

  @Test
  void reportJobWritesAndReplacesIndexHtml() throws IOException {
    String written = ReportJob.run(SparkTest.spark(), settings(lake, "r-7"));
    Path index = Path.of(lake.report("r-7"), "index.html");
    assertEquals(index.toString(), written);
    String first = Files.readString(index, StandardCharsets.UTF_8);
    assertTrue(first.contains("lakeml run r-7") && first.contains("data-chart=\"roc\""));
    assertTrue(first.contains("<pre class=\"provenance\">"), "provenance.json read");
    // A rerun replaces the page through the staging file; nothing else is left beside it.
    String again = ReportWriter.write(SparkTest.spark(), lake.report("r-7"), "second");
    assertEquals(written, again);
    assertEquals("second", Files.readString(index, StandardCharsets.UTF_8));
    try (Stream<Path> files = Files.list(index.getParent())) {
      assertEquals(List.of("index.html"), files.map(f -> f.getFileName().toString())
          .filter(f -> !f.equals(".index.html.crc")).toList(), "staging or old files left");
    }
  }

  private static Settings settings(LakePaths lake, String runId) {
    return Settings.from(ConfigLoader.load(List.of(), List.of("lakeml.lake.root=" + lake.root(),
        "lakeml.run.id=" + runId)));
  }

  private static void writeRunTables(LakePaths lake, String modelPath) {
    write(lake.runs(), RunTableSchemas.RUNS, RowFactory.create("r-7", "demo", "SUCCEEDED", T0,
        T0, "/in", 5L, "y", "binary", seq(List.of("0", "1")), 100L, 0L, 80L, 20L, 3,
        "areaUnderROC", "t-1", "gbt", "{\"maxDepth\":3}", 0.81, 0.01,
        CollectionConverters.asScala(Map.of("areaUnderROC", 0.85)), modelPath, 42L, "abc",
        "0.1.0", "4.1.0", "{}"));
    write(lake.leaderboard(), RunTableSchemas.LEADERBOARD,
        RowFactory.create("r-7", 2, "t-2", "rf", "{}", "areaUnderROC", 0.79, 0.02,
            seq(List.of(0.78, 0.8)), null, false, 1.0, 0.1),
        RowFactory.create("r-7", 1, "t-1", "gbt", "{}", "areaUnderROC", 0.81, 0.01,
            seq(List.of(0.8, 0.82)), 0.85, true, 2.0, 0.2));
    write(lake.trials(), RunTableSchemas.TRIALS, trial("r-7", "t-1", 0.81),
        trial("r-7", "t-2", 0.79), trial("r-other", "t-1", 0.5));
  }

  private static Row trial(String runId, String id, double cv) {
    return RowFactory.create(runId, id, 1, "gbt", "{}", 1L, "areaUnderROC", cv, 0.01,
        seq(List.of(cv)), 1.0, 0.1, "SUCCEEDED", null, T0, 1.0, 1.5);
  }

  private static Row profile(String column, int position, boolean kept) {
    return RowFactory.create("r-7", column, position, "double", "numeric", "feature", kept,
        "why", 10L, 0L, 0.0, 10L, "0", "9", 4.5, 1.0, null, null, null, null, 8L, 0L, null, null,
        null, "/in", 5L, T0);
  }

  private static Row roc(int seq, double x, double y) {
    return RowFactory.create("r-7", "t-1", "gbt", 1, true, "roc", seq, null, null, null, x, y,
        0.5, null);
  }

  private static void write(String path, StructType schema, Row... rows) {
    SparkTest.spark().createDataFrame(List.of(rows), schema).write().format("delta")
        .mode("append").save(path);
  }

  private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return CollectionConverters.asScala(list).toList();
  }
}
