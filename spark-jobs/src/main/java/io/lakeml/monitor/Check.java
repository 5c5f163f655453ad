package io.lakeml.monitor;

import java.util.Locale;

/**
 * The outcome of one drift check: one monitoring/drift row.
 *
 * @param kind      {@link #FEATURE}, {@link #PREDICTION}, {@link #FEATURE_TABLE},
 *                  {@link #PERFORMANCE} or {@link #SUMMARY}
 * @param name      the feature, "prediction", "table.feature vTRAINED->vLATEST", the metric id,
 *                  or "any" for the summary
 * @param statistic "psi", the metric id, or "drifted_checks" for the summary
 * @param baseline  performance: the holdout value; otherwise null
 * @param threshold the PSI threshold or the allowed performance drop; null for the summary
 * @param rows      rows compared (performance: the labelled rows)
 */
public record Check(String kind, String name, String statistic, double value, Double baseline,
    Double threshold, boolean drifted, long rows) {
  public static final String FEATURE = "feature";
  public static final String PREDICTION = "prediction";
  /** A feature table the model was trained from, its latest version against the trained one. */
  public static final String FEATURE_TABLE = "feature_table";
  public static final String PERFORMANCE = "performance";
  public static final String SUMMARY = "summary";

  /** A PSI check against its threshold: drifted when the PSI is above it. */
  static Check psi(String kind, String name, double psi, double threshold, long rows) {
    return new Check(kind, name, "psi", psi, null, threshold, psi > threshold, rows);
  }

  /** One log line: "feature income: psi 0.4120 > 0.2 on 300 rows: DRIFTED". */
  public String describe() {
    if (kind.equals(SUMMARY)) {
      return String.format(Locale.ROOT, "summary: %d check(s) drifted on %d rows: %s",
          (long) value, rows, drifted ? "DRIFTED" : "no drift");
    }
    String against = baseline == null
        ? String.format(Locale.ROOT, "%s %s", drifted ? ">" : "<=", threshold)
        : String.format(Locale.ROOT, "vs holdout %.4f (allowed drop %s)", baseline, threshold);
    return String.format(Locale.ROOT, "%s %s: %s %.4f %s on %d rows: %s", kind, name, statistic,
        value, against, rows, drifted ? "DRIFTED" : "ok");
  }
}
