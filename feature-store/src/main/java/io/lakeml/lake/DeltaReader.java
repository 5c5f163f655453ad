package io.lakeml.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.lakeml.config.LakemlException;
import java.sql.Timestamp;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a Delta table at one version: the latest (resolved once, before reading), a pinned
 * version, or the last version committed at or before a timestamp. The version read is returned
 * so the run can record it and be replayed.
 */
public final class DeltaReader {
  private static final Pattern TABLE_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*){0,2}");

  private final SparkSession spark;

  public DeltaReader(SparkSession spark) {
    this.spark = spark;
  }

  public PinnedTable read(TableRef ref) {
    DeltaTable table = open(ref);
    long latest = latestVersion(table);
    long version;
    if (ref.version() != null) {
      if (ref.version() > latest) {
        throw new LakemlException("Invalid " + ref.key("version") + ": " + ref.version() + " (the "
            + ref.describe() + " has versions up to " + latest + ")");
      }
      version = ref.version();
    } else if (ref.timestamp() != null) {
      version = versionAt(table, ref);
    } else {
      version = latest;
    }
    try {
      Dataset<Row> data = ref.byPath()
          ? spark.read().format("delta").option("versionAsOf", version).load(ref.path())
          : spark.sql("SELECT * FROM " + ref.name() + " VERSION AS OF " + version);
      return new PinnedTable(ref, version, data);
    } catch (Exception e) {
      throw new LakemlException("Cannot read version " + version + " of the " + ref.describe()
          + ": " + e.getMessage(), e);
    }
  }

  private DeltaTable open(TableRef ref) {
    if (ref.byPath()) {
      if (!DeltaTable.isDeltaTable(spark, ref.path())) {
        throw new LakemlException("No Delta table at " + ref.path() + " (" + ref.key("path") + "): "
            + "expected a folder with a _delta_log");
      }
      return DeltaTable.forPath(spark, ref.path());
    }
    if (!TABLE_NAME.matcher(ref.name()).matches()) {
      throw LakemlException.invalid(ref.key("table"), ref.name(),
          "expected a table name such as db.table");
    }
    if (!spark.catalog().tableExists(ref.name())) {
      throw new LakemlException("No table " + ref.name() + " in the catalog (" + ref.key("table") + ")");
    }
    try {
      return DeltaTable.forName(spark, ref.name());
    } catch (Exception e) {
      throw new LakemlException("Table " + ref.name() + " (" + ref.key("table") + ") is not a Delta "
          + "table: " + e.getMessage(), e);
    }
  }

  private static long latestVersion(DeltaTable table) {
    return table.history(1).select("version").head().getLong(0);
  }

  private long versionAt(DeltaTable table, TableRef ref) {
    Timestamp ts;
    try {
      ts = spark.sql("SELECT CAST('" + ref.timestamp().replace("'", "") + "' AS TIMESTAMP)")
          .head().getTimestamp(0);
    } catch (Exception e) {
      ts = null;
    }
    if (ts == null) {
      throw LakemlException.invalid(ref.key("timestamp"), ref.timestamp(),
          "expected a timestamp such as 2026-11-01 00:00:00");
    }
    Row[] rows = (Row[]) table.history().where(col("timestamp").leq(lit(ts)))
        .orderBy(col("version").desc()).select("version").limit(1).collect();
    if (rows.length == 0) {
      throw LakemlException.invalid(ref.key("timestamp"), ref.timestamp(),
          "before the first commit of the " + ref.describe());
    }
    return rows[0].getLong(0);
  }
}
