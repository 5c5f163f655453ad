package io.lakeml.monitor;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * monitoring/drift: one row per check of one monitor run (keyed by run_id, the monitor job's own
 * run id, so a rerun replaces its rows): which scoring run and model were checked, the kind
 * (feature, prediction, performance, summary), what was measured against which threshold, and
 * whether it drifted. The summary row (name "any") counts the drifted checks in value.
 */
public final class DriftTable {
  public static final StructType SCHEMA = new StructType()
      .add("run_id", StringType, false).add("scoring_run_id", StringType, false)
      .add("model_name", StringType).add("model_version", IntegerType)
      .add("model_run_id", StringType).add("kind", StringType, false)
      .add("name", StringType, false).add("statistic", StringType, false)
      .add("value", DoubleType).add("baseline", DoubleType).add("threshold", DoubleType)
      .add("drifted", BooleanType, false).add("rows", LongType, false)
      .add("checked_at", TimestampType, false);

  private DriftTable() {}

  static Dataset<Row> rows(SparkSession spark, String runId, ScoringRun run, String modelName,
      List<Check> checks, Instant at) {
    Timestamp checkedAt = Timestamp.from(at);
    List<Row> rows = checks.stream().map(c -> RowFactory.create(runId, run.runId(), modelName,
        run.modelVersion(), run.modelRunId(), c.kind(), c.name(), c.statistic(), finite(c.value()),
        c.baseline(), c.threshold(), c.drifted(), c.rows(), checkedAt)).toList();
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static Double finite(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
  }
}
