package io.lakeml.report;

import static io.lakeml.report.RowValues.instant;
import static io.lakeml.report.RowValues.integer;
import static io.lakeml.report.RowValues.real;
import static io.lakeml.report.RowValues.realMap;
import static io.lakeml.report.RowValues.string;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * The fields of one automl/runs row that the report shows. Built from the table ({@link #from})
 * or, by the pipeline, in memory before the runs row is written (a runs row marks a run complete,
 * so the report is rendered just before it). Any field but {@code runId} may be null;
 * holdout metrics are kept sorted by name.
 */
public record RunInfo(String runId, String name, String status, Instant startedAt,
    Instant finishedAt, String inputRef, Long inputVersion, String label, String task,
    String metric, String bestTrialId, String bestFamily, String bestParamsJson, Double cvMean,
    Double cvStd, Map<String, Double> holdoutMetrics, String modelPath, String gitSha,
    String lakemlVersion, String sparkVersion) {

  public RunInfo {
    holdoutMetrics = Collections.unmodifiableMap(
        holdoutMetrics == null ? new TreeMap<>() : new TreeMap<>(holdoutMetrics));
  }

  /** One row of automl/runs (schema RunTables.RUNS). */
  public static RunInfo from(Row row) {
    return new RunInfo(string(row, "run_id"), string(row, "name"), string(row, "status"),
        instant(row, "started_at"), instant(row, "finished_at"), string(row, "input_ref"),
        integer(row, "input_version"), string(row, "label"), string(row, "task"),
        string(row, "metric"), string(row, "best_trial_id"), string(row, "best_family"),
        string(row, "best_params_json"), real(row, "cv_mean"), real(row, "cv_std"),
        realMap(row, "holdout_metrics"), string(row, "model_path"), string(row, "git_sha"),
        string(row, "lakeml_version"), string(row, "spark_version"));
  }
}
