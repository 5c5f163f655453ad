package io.lakeml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.ConfigLoader;
import io.lakeml.config.LakemlException;
import io.lakeml.config.Settings;
import io.lakeml.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class ImportCsvJobTest {
  @TempDir
  Path dir;

  private Settings settings(String... sets) {
    List<String> all = new ArrayList<>(List.of("lakeml.lake.root=" + dir.resolve("lake"),
        "lakeml.run.name=loans"));
    all.addAll(List.of(sets));
    return Settings.from(ConfigLoader.load(List.of(), all));
  }

  @Test
  void loadsWithSchemaAndKeepsAnExistingTable() throws IOException {
    Path csv = dir.resolve("in.csv");
    Files.writeString(csv, "a,b\n1,x\n,y\n3,\n");
    String target = ImportCsvJob.run(SparkTest.spark(), settings(
        "lakeml.import-csv.source=" + csv, "lakeml.import-csv.schema=\"a INT, b STRING\""));
    assertEquals(dir.resolve("lake").resolve("datasets/loans").toString(), target);
    Dataset<Row> t = SparkTest.spark().read().format("delta").load(target);
    assertEquals("struct<a:int,b:string>", t.schema().simpleString());
    assertEquals("[[3,null], [1,x], [null,y]]", t.orderBy("b").collectAsList().toString(),
        "empty fields are nulls");

    Files.writeString(csv, "a,b\n9,z\n");
    ImportCsvJob.run(SparkTest.spark(), settings("lakeml.import-csv.source=" + csv));
    assertEquals(3, SparkTest.spark().read().format("delta").load(target).count(),
        "overwrite-if-absent keeps the table");
    ImportCsvJob.run(SparkTest.spark(), settings("lakeml.import-csv.source=" + csv,
        "lakeml.import-csv.mode=overwrite"));
    assertEquals(1, SparkTest.spark().read().format("delta").load(target).count());
  }

  @Test
  void badSourceOrSchemaFailsWritingNothing() {
    LakemlException e = assertThrows(LakemlException.class, () -> ImportCsvJob.run(
        SparkTest.spark(), settings("lakeml.import-csv.source=" + dir.resolve("none.csv"))));
    assertTrue(e.getMessage().startsWith("CSV source " + dir.resolve("none.csv")
        + " (lakeml.import-csv.source) does not exist"), e.getMessage());
    e = assertThrows(LakemlException.class, () -> ImportCsvJob.run(SparkTest.spark(),
        settings()));
    assertEquals("Missing lakeml.import-csv.source (the CSV file or folder to load)",
        e.getMessage());
    e = assertThrows(LakemlException.class, () -> {
      Path csv = Files.writeString(dir.resolve("ok.csv"), "a\n1\n");
      ImportCsvJob.run(SparkTest.spark(), settings("lakeml.import-csv.source=" + csv,
          "lakeml.import-csv.schema=\"a INTEGR\""));
    });
    assertTrue(e.getMessage().startsWith("Invalid lakeml.import-csv.schema: \"a INTEGR\" "
        + "(expected a Spark DDL schema"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("lake")));
  }
}
