package io.lakeml.report;

import static io.lakeml.report.RowValues.bool;
import static io.lakeml.report.RowValues.instant;
import static io.lakeml.report.RowValues.integer;
import static io.lakeml.report.RowValues.real;
import static io.lakeml.report.RowValues.reals;
import static io.lakeml.report.RowValues.string;
import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.lakeml.config.LakemlException;
import io.lakeml.lake.LakePaths;
import io.lakeml.report.ReportData.EvalPoint;
import io.lakeml.report.ReportData.LeaderRow;
import io.lakeml.report.ReportData.ProfileRow;
import io.lakeml.report.ReportData.TrialPoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads one run's rows from the lake's tables for {@link ReportData}. Each table is read once,
 * filtered by run id and collected (they hold a few hundred rows per run). A table that is not a
 * Delta table yet (e.g. automl/evaluations before any run wrote one) reads as empty.
 */
final class ReportTables {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkSession spark;
  private final LakePaths lake;

  ReportTables(SparkSession spark, LakePaths lake) {
    this.spark = spark;
    this.lake = lake;
  }

  ReportData load(String runId) {
    List<Row> runs = rows(lake.runs(), runId);
    if (runs.isEmpty()) {
      throw new LakemlException("No run " + runId + " in automl/runs at " + lake.runs());
    }
    return load(runId, RunInfo.from(runs.get(0)));
  }

  ReportData load(String runId, RunInfo run) {
    List<ProfileRow> profiles = rows(lake.profiles(), runId).stream().map(r -> new ProfileRow(
        string(r, "column"), intOrNull(integer(r, "position")), string(r, "data_type"),
        string(r, "semantic_type"), string(r, "role"), bool(r, "kept"), string(r, "reason"),
        real(r, "null_share"), integer(r, "distinct_approx"), real(r, "mean"), string(r, "min"),
        string(r, "max"))).sorted(Comparator.comparing(
            ProfileRow::position, Comparator.nullsLast(Integer::compare))).toList();
    List<LeaderRow> leaderboard = rows(lake.leaderboard(), runId).stream().map(r -> new LeaderRow(
        r.getInt(r.fieldIndex("rank")), string(r, "trial_id"), string(r, "family"),
        string(r, "params_json"), string(r, "metric"), real(r, "cv_mean"), real(r, "cv_std"),
        reals(r, "fold_metrics"), real(r, "holdout_value"), r.getBoolean(r.fieldIndex("is_best")),
        real(r, "fit_seconds"), real(r, "predict_seconds"))).toList();
    List<TrialPoint> trials = rows(lake.trials(), runId).stream().map(r -> new TrialPoint(
        string(r, "trial_id"), string(r, "family"), string(r, "status"), real(r, "cv_mean"),
        instant(r, "finished_at"), real(r, "fraction"))).toList();
    List<EvalPoint> evaluations = rows(lake.evaluations(), runId).stream().map(r -> new EvalPoint(
        string(r, "candidate_id"), string(r, "family"), r.getInt(r.fieldIndex("rank")),
        r.getBoolean(r.fieldIndex("is_best")), string(r, "section"), r.getInt(r.fieldIndex("seq")),
        string(r, "item"), string(r, "actual"), string(r, "predicted"), real(r, "x"),
        real(r, "y"), real(r, "value"), integer(r, "count"))).toList();
    return new ReportData(run, profiles, leaderboard, trials, evaluations,
        provenance(run.modelPath()));
  }

  private List<Row> rows(String table, String runId) {
    if (!DeltaTable.isDeltaTable(spark, table)) {
      return List.of();
    }
    return spark.read().format("delta").load(table).where(col("run_id").equalTo(runId))
        .collectAsList();
  }

  /** provenance.json in the model folder, pretty-printed; null when there is none. */
  private String provenance(String modelFolder) {
    if (modelFolder == null || modelFolder.isBlank()) {
      return null;
    }
    Path file = new Path(modelFolder, "provenance.json");
    try {
      FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(file)) {
        return null;
      }
      String text;
      try (InputStream in = fs.open(file)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return pretty(text);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + file + " failed", e);
    }
  }

  /** Indented JSON; text that is not JSON is shown as it is. */
  static String pretty(String json) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      return json;
    }
  }

  private static Integer intOrNull(Long v) {
    return v == null ? null : v.intValue();
  }
}
