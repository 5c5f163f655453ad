package io.lakeml.intake;

import java.util.List;

/**
 * What intake found and decided about one column: its statistics, semantic type, role (label,
 * feature or excluded), whether it is kept as a feature and why, its leakage score, and its most
 * frequent values or its histogram over the bin edges in {@link ColumnStats#binEdges()}.
 */
public record ColumnProfile(int position, ColumnStats stats, SemanticType type, String role,
    boolean kept, String reason, Double leakageScore, List<ValueCount> topValues,
    List<Long> histogram, Long bucketRows, Long bucketNulls) {

  public record ValueCount(String value, long count) {}

  public ColumnProfile {
    topValues = List.copyOf(topValues);
    histogram = List.copyOf(histogram);
  }

  public String column() {
    return stats.column();
  }

  ColumnProfile withDecision(boolean keep, String why, Double score) {
    return new ColumnProfile(position, stats, type, role, keep, why, score, topValues, histogram,
        bucketRows, bucketNulls);
  }

  /** One log line: "income: numeric, kept (350 distinct values)". */
  public String describe() {
    if (role.equals("label")) {
      return column() + ": " + reason;
    }
    return column() + ": " + type.id() + ", " + (role.equals("feature") ? (kept ? "kept" : "dropped")
        : role) + " (" + reason + ")";
  }
}
