package io.lakeml.search;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One configuration to cross-validate: a family, its parameters, the trial's own seed, and the
 * share of each fold's training rows it fits on (1 = all; less in successive-halving rungs).
 */
public record TrialSpec(int number, ModelFamily family, Map<String, Object> params, long seed,
    double fraction) {
  public TrialSpec {
    params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in (0, 1]: " + fraction);
    }
  }

  public TrialSpec(int number, ModelFamily family, Map<String, Object> params, long seed) {
    this(number, family, params, seed, 1.0);
  }

  /** Fitted on all of each fold's training rows: a candidate for the winner. */
  public boolean full() {
    return fraction >= 1.0;
  }

  /** Stable id within a run, e.g. "t007". */
  public String id() {
    return String.format(Locale.ROOT, "t%03d", number);
  }

  /** {"maxDepth":8,"numTrees":100} with sorted keys. */
  public String paramsJson() {
    return params.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":" + (e.getValue() instanceof String s
            ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : e.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
  }

  public String describe() {
    return family.id() + " " + params
        + (full() ? "" : String.format(Locale.ROOT, " on %.0f%% of rows", fraction * 100));
  }
}
