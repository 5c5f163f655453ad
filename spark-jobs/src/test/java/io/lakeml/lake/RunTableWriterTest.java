package io.lakeml.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lakeml.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class RunTableWriterTest {
  @TempDir
  Path dir;

  private static Dataset<Row> rows(String runId, int n) {
    return SparkTest.spark().range(n).selectExpr("'" + runId + "' AS run_id", "id AS value");
  }

  private static List<Row> counts(String path) {
    return SparkTest.spark().read().format("delta").load(path).groupBy("run_id").count()
        .orderBy("run_id").collectAsList();
  }

  @Test
  void rerunReplacesItsOwnRowsOnlyInOneCommitEach() {
    SparkSession spark = SparkTest.spark();
    String path = dir.resolve("trials").toString();
    RunTableWriter w = new RunTableWriter(spark);
    w.replaceRun(path, "a", rows("a", 3));
    w.replaceRun(path, "b", rows("b", 2));
    w.replaceRun(path, "a", rows("a", 5));
    List<Row> c = counts(path);
    assertEquals("[[a,5], [b,2]]", c.toString());
    assertEquals(3, spark.sql("DESCRIBE HISTORY delta.`" + path + "`").count());
  }

  @Test
  void concurrentRunsWritingOneTableLoseNothing() throws Exception {
    String path = dir.resolve("shared").toString();
    RunTableWriter w = new RunTableWriter(SparkTest.spark());
    w.replaceRun(path, "seed", rows("seed", 1));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (String run : List.of("x", "y", "z")) {
        done.add(pool.submit(() -> {
          for (int i = 1; i <= 2; i++) {
            w.replaceRun(path, run, rows(run, i));
          }
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals("[[seed,1], [x,2], [y,2], [z,2]]", counts(path).toString());
  }

  @Test
  void deleteRunRemovesOnlyThatRun() {
    String path = dir.resolve("del").toString();
    RunTableWriter w = new RunTableWriter(SparkTest.spark());
    w.deleteRun(path, "a");
    w.replaceRun(path, "a", rows("a", 2));
    w.replaceRun(path, "b", rows("b", 1));
    w.deleteRun(path, "a");
    assertEquals("[[b,1]]", counts(path).toString());
  }

  @Test
  void newColumnsAreMergedIntoTheSchema() {
    SparkSession spark = SparkTest.spark();
    String path = dir.resolve("runs").toString();
    RunTableWriter w = new RunTableWriter(spark);
    w.replaceRun(path, "a", rows("a", 1));
    w.replaceRun(path, "b", rows("b", 1).selectExpr("*", "'x' AS extra"));
    Dataset<Row> all = spark.read().format("delta").load(path);
    assertEquals(List.of("run_id", "value", "extra"), List.of(all.columns()));
    assertEquals(2, all.count());
  }
}
