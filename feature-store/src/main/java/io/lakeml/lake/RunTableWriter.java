package io.lakeml.lake;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes one run's rows into a Delta table keyed by run_id, in one commit: the run's earlier rows
 * are replaced (replaceWhere), other runs' rows are untouched. Concurrent writers of other runs
 * can conflict in Delta's optimistic concurrency control; the commit is retried.
 */
public final class RunTableWriter {
  public static final String RUN_ID = "run_id";

  private final SparkSession spark;

  public RunTableWriter(SparkSession spark) {
    this.spark = spark;
  }

  public void replaceRun(String tablePath, String runId, Dataset<Row> rows) {
    if (!java.util.Arrays.asList(rows.columns()).contains(RUN_ID)) {
      throw new IllegalArgumentException("rows for " + tablePath + " lack a run_id column");
    }
    replace(tablePath, RUN_ID + " = '" + runId + "'", rows);
  }

  /**
   * Replaces the rows matching a condition (a SQL predicate over the rows' own columns, which
   * every row written must satisfy) with rows, in one commit.
   */
  public void replace(String tablePath, String condition, Dataset<Row> rows) {
    DeltaCommits.retrying(tablePath, () -> write(tablePath, condition, rows));
  }

  /** Appends rows (a blind append: one commit that never conflicts with other runs' writes). */
  public void append(String tablePath, Dataset<Row> rows) {
    DeltaCommits.retrying(tablePath, () -> rows.write().format("delta").mode("append")
        .option("mergeSchema", "true").save(tablePath));
  }

  /** Removes the run's rows (one commit); nothing to do when the table does not exist. */
  public void deleteRun(String tablePath, String runId) {
    if (DeltaTable.isDeltaTable(spark, tablePath)) {
      DeltaTable.forPath(spark, tablePath).delete(RUN_ID + " = '" + runId + "'");
    }
  }

  private void write(String tablePath, String condition, Dataset<Row> rows) {
    if (DeltaTable.isDeltaTable(spark, tablePath)) {
      rows.write().format("delta").mode("overwrite")
          .option("replaceWhere", condition)
          .option("mergeSchema", "true")
          .save(tablePath);
    } else {
      // First write creates the table; a racing creator makes this an append, still one commit.
      rows.write().format("delta").mode("append").save(tablePath);
    }
  }
}
