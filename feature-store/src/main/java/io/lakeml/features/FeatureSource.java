package io.lakeml.features;

import io.lakeml.lake.TableRef;
import java.util.Map;

/**
 * Where a feature table's rows come from: one Delta table (table != null), or a SQL query
 * (sql != null) over named Delta inputs, each registered as a temporary view of that name. Every
 * input is read at one resolved Delta version, recorded by the materialization (lineage).
 */
public record FeatureSource(TableRef table, String sql, Map<String, TableRef> inputs) {
  public FeatureSource {
    if ((table == null) == (sql == null)) {
      throw new IllegalArgumentException("exactly one of table or sql");
    }
    inputs = Map.copyOf(inputs);
  }

  /** For messages: the table, or "SQL over [views]". */
  public String describe() {
    return table != null ? table.describe() : "SQL over " + inputs.keySet();
  }
}
