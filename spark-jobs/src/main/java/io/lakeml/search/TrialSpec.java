package io.lakeml.search;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** One configuration to cross-validate: a family, its parameters, and the trial's own seed. */
public record TrialSpec(int number, ModelFamily family, Map<String, Object> params, long seed) {
  public TrialSpec {
    params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
  }

  /** Stable id within a run, e.g. "t007". */
  public String id() {
    return String.format("t%03d", number);
  }

  /** {"maxDepth":8,"numTrees":100} with sorted keys. */
  public String paramsJson() {
    return params.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":" + (e.getValue() instanceof String s
            ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : e.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
  }

  public String describe() {
    return family.id() + " " + params;
  }
}
