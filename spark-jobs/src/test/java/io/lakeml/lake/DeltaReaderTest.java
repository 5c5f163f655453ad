package io.lakeml.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.LakemlException;
import io.lakeml.testing.SparkTest;
import java.nio.file.Path;
import java.sql.Timestamp;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class DeltaReaderTest {
  @TempDir
  Path dir;

  private String threeVersions() {
    SparkSession spark = SparkTest.spark();
    String path = dir.resolve("t").toString();
    spark.range(5).write().format("delta").save(path);                  // v0: 5 rows
    spark.range(3).write().format("delta").mode("append").save(path);   // v1: 8 rows
    spark.range(1).write().format("delta").mode("overwrite").save(path); // v2: 1 row
    return path;
  }

  @Test
  void latestVersionIsResolvedAndRecorded() {
    String path = threeVersions();
    PinnedTable t = new DeltaReader(SparkTest.spark()).read(TableRef.path(path));
    assertEquals(2, t.version());
    assertEquals(1, t.data().count());
    // A commit after the read does not change what the pinned read sees.
    SparkTest.spark().range(10).write().format("delta").mode("append").save(path);
    assertEquals(1, t.data().count());
  }

  @Test
  void pinnedVersion() {
    String path = threeVersions();
    PinnedTable t = new DeltaReader(SparkTest.spark())
        .read(new TableRef(path, null, 1L, null));
    assertEquals(1, t.version());
    assertEquals(8, t.data().count());
  }

  @Test
  void timestampResolvesToLastCommitAtOrBefore() {
    String path = threeVersions();
    Timestamp v1 = SparkTest.spark().sql("DESCRIBE HISTORY delta.`" + path + "`")
        .where("version = 1").select("timestamp").head().getTimestamp(0);
    PinnedTable t = new DeltaReader(SparkTest.spark())
        .read(new TableRef(path, null, null, v1.toString()));
    assertEquals(1, t.version());
    assertEquals(8, t.data().count());
    LakemlException e = assertThrows(LakemlException.class, () -> new DeltaReader(
        SparkTest.spark()).read(new TableRef(path, null, null, "2001-01-01 00:00:00")));
    assertTrue(e.getMessage().startsWith("Invalid lakeml.input.timestamp: \"2001-01-01 00:00:00\""
        + " (before the first commit"), e.getMessage());
  }

  @Test
  void versionBeyondLatestFails() {
    String path = threeVersions();
    LakemlException e = assertThrows(LakemlException.class,
        () -> new DeltaReader(SparkTest.spark()).read(new TableRef(path, null, 9L, null)));
    assertEquals("Invalid lakeml.input.version: 9 (the Delta table at " + path
        + " (lakeml.input.path) has versions up to 2)", e.getMessage());
  }

  @Test
  void notADeltaTable() {
    String path = dir.resolve("plain").toString();
    SparkTest.spark().range(3).write().parquet(path);
    LakemlException e = assertThrows(LakemlException.class,
        () -> new DeltaReader(SparkTest.spark()).read(TableRef.path(path)));
    assertEquals("No Delta table at " + path + " (lakeml.input.path): expected a folder with a "
        + "_delta_log", e.getMessage());
  }

  @Test
  void catalogTableByNameWithVersion() {
    SparkSession spark = SparkTest.spark();
    spark.sql("CREATE DATABASE IF NOT EXISTS lakeml_test");
    spark.sql("DROP TABLE IF EXISTS lakeml_test.numbers");
    spark.range(4).write().format("delta").saveAsTable("lakeml_test.numbers");
    spark.range(2).write().format("delta").mode("append").saveAsTable("lakeml_test.numbers");
    DeltaReader reader = new DeltaReader(spark);
    PinnedTable latest = reader.read(new TableRef(null, "lakeml_test.numbers", null, null));
    assertEquals(1, latest.version());
    assertEquals(6, latest.data().count());
    assertEquals(4, reader.read(new TableRef(null, "lakeml_test.numbers", 0L, null))
        .data().count());
    LakemlException e = assertThrows(LakemlException.class,
        () -> reader.read(new TableRef(null, "lakeml_test.missing", null, null)));
    assertEquals("No table lakeml_test.missing in the catalog (lakeml.input.table)",
        e.getMessage());
  }
}
