package io.lakeml.pipeline;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.lakeml.lake.RunTableWriter;
import io.lakeml.search.TrialLog;
import io.lakeml.search.TrialResult;
import io.lakeml.search.TrialSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * automl/trials as the search's log: each finished trial is appended at once (one Delta commit,
 * blind append, serialised), and the rows an earlier attempt of the same run id left are read
 * back so a rerun after a crash does not redo them. A row is reused only if number, family,
 * parameters, seed and fraction all match the trial proposed now.
 */
final class DeltaTrialLog implements TrialLog {
  private final SparkSession spark;
  private final String path;
  private final String runId;
  private final Map<Integer, Row> recorded = new HashMap<>();

  DeltaTrialLog(SparkSession spark, String path, String runId) {
    this.spark = spark;
    this.path = path;
    this.runId = runId;
    if (DeltaTable.isDeltaTable(spark, path)) {
      List<Row> rows = spark.read().format("delta").load(path)
          .where(col("run_id").equalTo(runId)).collectAsList();
      for (Row r : rows) {
        recorded.put(r.getInt(r.fieldIndex("trial_number")), r);
      }
    }
  }

  int recordedCount() {
    return recorded.size();
  }

  @Override
  public Optional<TrialResult> recorded(TrialSpec spec) {
    Row r = recorded.get(spec.number());
    if (r == null || !spec.family().id().equals(r.getString(r.fieldIndex("family")))
        || !spec.paramsJson().equals(r.getString(r.fieldIndex("params_json")))
        || spec.seed() != r.getLong(r.fieldIndex("seed"))
        || r.isNullAt(r.fieldIndex("fraction"))
        || spec.fraction() != r.getDouble(r.fieldIndex("fraction"))) {
      return Optional.empty();
    }
    List<Double> folds = new ArrayList<>(r.getList(r.fieldIndex("fold_metrics")));
    String metric = r.getString(r.fieldIndex("metric"));
    Instant at = r.getTimestamp(r.fieldIndex("finished_at")).toInstant();
    double mean = r.isNullAt(r.fieldIndex("cv_mean")) ? Double.NaN
        : r.getDouble(r.fieldIndex("cv_mean"));
    double std = r.isNullAt(r.fieldIndex("cv_std")) ? Double.NaN
        : r.getDouble(r.fieldIndex("cv_std"));
    double wall = r.isNullAt(r.fieldIndex("wall_seconds")) ? 0
        : r.getDouble(r.fieldIndex("wall_seconds"));
    return Optional.of(new TrialResult(spec, metric, folds, mean, std,
        r.getDouble(r.fieldIndex("fit_seconds")), r.getDouble(r.fieldIndex("predict_seconds")),
        wall, r.getString(r.fieldIndex("error")), at));
  }

  @Override
  public synchronized void append(TrialResult result) {
    new RunTableWriter(spark).append(path,
        spark.createDataFrame(List.of(RunTables.trialRow(runId, result)), RunTables.TRIALS));
  }
}
