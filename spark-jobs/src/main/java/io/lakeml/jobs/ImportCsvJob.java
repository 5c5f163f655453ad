package io.lakeml.jobs;

import io.delta.tables.DeltaTable;
import io.lakeml.config.ImportCsvSettings;
import io.lakeml.config.LakemlException;
import io.lakeml.config.Settings;
import io.lakeml.lake.LakePaths;
import java.io.File;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** spark-submit entry point: load a CSV file (lakeml.import-csv) into a Delta table. */
public final class ImportCsvJob {
  private static final Logger LOG = LoggerFactory.getLogger(ImportCsvJob.class);

  private ImportCsvJob() {}

  public static void main(String[] args) {
    JobRunner.main("import-csv", args, ImportCsvJob::run);
  }

  /** Loads the first file and then each of lakeml.import-csv.more; returns the first target. */
  public static String run(SparkSession spark, Settings settings) {
    ImportCsvSettings s = settings.importCsv();
    String source = s.requireSource();
    String target = s.target() != null ? s.target()
        : new LakePaths(settings.lakeRoot()).dataset(settings.run().name());
    // Every source and schema is checked before the first table is written.
    check(source, s.schema(), "lakeml.import-csv");
    s.more().forEach(f -> check(f.source(), f.schema(), f.key()));
    load(spark, source, s.schema(), target, s.mode(), "lakeml.import-csv");
    for (ImportCsvSettings.CsvFile f : s.more()) {
      load(spark, f.source(), f.schema(), f.target(), s.mode(), f.key());
    }
    return target;
  }

  private static void load(SparkSession spark, String source, String schema, String target,
      ImportCsvSettings.Mode mode, String key) {
    if (mode == ImportCsvSettings.Mode.OVERWRITE_IF_ABSENT
        && DeltaTable.isDeltaTable(spark, target)) {
      LOG.info("Delta table {} exists; kept (lakeml.import-csv.mode = overwrite-if-absent)",
          target);
      return;
    }
    DataFrameReader reader = spark.read().option("header", "true").option("mode", "FAILFAST");
    if (schema != null) {
      reader = reader.schema(schema(schema, key));
    } else {
      reader = reader.option("inferSchema", "true");
    }
    Dataset<Row> rows = reader.csv(source);
    rows.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(target);
    LOG.info("Imported {} into Delta table {}", source, target);
  }

  private static void check(String source, String schema, String key) {
    if (!source.contains("://") && !new File(source).exists()) {
      throw new LakemlException("CSV source " + source + " (" + key + ".source) does not "
          + "exist (working directory " + new File("").getAbsolutePath() + ")");
    }
    if (schema != null) {
      schema(schema, key);
    }
  }

  private static StructType schema(String ddl, String key) {
    try {
      return StructType.fromDDL(ddl);
    } catch (Exception e) { // Spark's ParseException is a checked exception in Java's eyes
      throw LakemlException.invalid(key + ".schema", ddl,
          "expected a Spark DDL schema such as \"a INT, b STRING\": " + e.getMessage());
    }
  }
}
