package io.lakeml.intake;

import java.util.List;
import java.util.Map;

/**
 * One column's statistics from the single aggregate pass over the table. Numeric fields are null
 * where they do not apply (min/max are strings so dates and numbers fit alike).
 */
public record ColumnStats(String column, String dataType, long rows, long nonNull, long distinct,
    String min, String max, Double mean, Double stddev, Boolean integral,
    Map<String, Double> quantiles, List<Double> binEdges, Double avgLength, Double avgWords) {

  public long nulls() {
    return rows - nonNull;
  }

  public double nullShare() {
    return rows == 0 ? 0 : (double) nulls() / rows;
  }

  /** Distinct values per non-null row (1.0: every value different). */
  public double distinctShare() {
    return nonNull == 0 ? 0 : Math.min(1.0, (double) distinct / nonNull);
  }
}
