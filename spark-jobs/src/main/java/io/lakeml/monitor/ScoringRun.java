package io.lakeml.monitor;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;

import io.delta.tables.DeltaTable;
import io.lakeml.config.LakemlException;
import io.lakeml.score.PredictionColumns;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The scoring run a monitor run checks: its rows in predictions/&lt;model&gt; and the one model
 * that scored them (version and training run). Found by one grouped Spark job over the runs in
 * the table: the configured run (lakeml.monitor.scoring-run-id), else the latest by scored_at.
 *
 * @param modelVersion the registry version, null when the scoring job had none
 */
record ScoringRun(String path, String runId, String modelName, Integer modelVersion,
    String modelRunId, long rows, Dataset<Row> data) {

  static final String KEY = "lakeml.monitor.scoring-run-id";

  /** Reads the predictions table at path and picks the run; user errors name path and key. */
  static ScoringRun pick(SparkSession spark, String path, String wanted) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      throw new LakemlException("No predictions table at " + path + ": expected the Delta table"
          + " ScoreJob writes for the model (lakeml.registry.model, else lakeml.run.name)");
    }
    Dataset<Row> table = spark.read().format("delta").load(path);
    List<String> columns = List.of(table.columns());
    for (String c : List.of(PredictionColumns.RUN_ID, PredictionColumns.SCORED_AT,
        PredictionColumns.MODEL_NAME, PredictionColumns.MODEL_VERSION,
        PredictionColumns.MODEL_RUN_ID)) {
      if (!columns.contains(c)) {
        throw new LakemlException("The predictions table at " + path + " has no column " + c
            + ": expected the columns ScoreJob adds (" + PredictionColumns.class.getName() + ")");
      }
    }
    Dataset<Row> runs = table.groupBy(col(PredictionColumns.RUN_ID))
        .agg(max(col(PredictionColumns.SCORED_AT)).as("at"), count(lit(1)).as("n"),
            collect_set(struct(col(PredictionColumns.MODEL_NAME),
                col(PredictionColumns.MODEL_VERSION).cast("int"),
                col(PredictionColumns.MODEL_RUN_ID))).as("models"));
    if (wanted != null) {
      runs = runs.where(col(PredictionColumns.RUN_ID).equalTo(wanted));
    }
    List<Row> found = runs.collectAsList();
    if (found.isEmpty()) {
      throw new LakemlException(wanted == null
          ? "The predictions table at " + path + " has no rows: expected at least one scoring run"
          : "Invalid " + KEY + ": \"" + wanted + "\" (no rows with run_id = '" + wanted
              + "' in the predictions table at " + path + ")");
    }
    Row run = found.stream().max(Comparator.comparing((Row r) -> r.getTimestamp(1),
        Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(r -> r.getString(0))).orElseThrow();
    String runId = run.getString(0);
    List<Row> models = run.getList(3);
    if (models.size() != 1) {
      throw new LakemlException("Scoring run " + runId + " in the predictions table at " + path
          + " mixes " + models.size() + " models (" + models.stream().map(Row::toString)
          .sorted().collect(Collectors.joining(", ")) + "): expected the rows of one run to"
          + " come from one model version; set " + KEY + " to a run scored by one model");
    }
    Row m = models.get(0);
    if (m.isNullAt(2)) {
      throw new LakemlException("Scoring run " + runId + " in the predictions table at " + path
          + " has no model_run_id: expected the AutoML run that trained the model");
    }
    return new ScoringRun(path, runId, m.getString(0), m.isNullAt(1) ? null : m.getInt(1),
        m.getString(2), run.getLong(2),
        table.where(col(PredictionColumns.RUN_ID).equalTo(runId)));
  }

  String describe() {
    return "scoring run " + runId + " (" + rows + " rows of " + path + "; model " + modelName
        + " version " + modelVersion + ", trained by run " + modelRunId + ")";
  }
}
