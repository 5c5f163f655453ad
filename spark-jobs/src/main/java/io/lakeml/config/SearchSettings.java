package io.lakeml.config;

import java.util.List;
import java.util.Map;

/** lakeml.search: families, budget, parallelism, metric and per-family spaces
 * (family -> parameter -> values to try). Family and parameter names are checked against the
 * estimators when the search is planned, before anything is written. */
public record SearchSettings(List<String> families, int maxTrials, int parallelism, String metric,
    Map<String, Map<String, List<Object>>> spaces) {

  public SearchSettings {
    LakemlException.check(!families.isEmpty(), "lakeml.search.families", families,
        "must name at least one model family");
    LakemlException.check(maxTrials >= 1, "lakeml.search.max-trials", maxTrials, "must be >= 1");
    LakemlException.check(parallelism >= 1 && parallelism <= 64, "lakeml.search.parallelism",
        parallelism, "must be >= 1 and <= 64");
    families = List.copyOf(families);
    // Sorted, so the grid (and the trials a seed gives) never depends on map iteration order.
    java.util.TreeMap<String, Map<String, List<Object>>> sorted = new java.util.TreeMap<>();
    spaces.forEach((family, space) -> sorted.put(family,
        java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(space))));
    spaces = java.util.Collections.unmodifiableMap(sorted);
  }
}
