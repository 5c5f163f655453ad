package io.lakeml.config;

import io.lakeml.features.FeatureStore;
import java.util.List;

/**
 * lakeml.feature-store: the declared store, and the tables MaterializeFeaturesJob materializes
 * (in order; empty = every declared table, by name).
 */
public record FeatureStoreSettings(FeatureStore store, List<String> materialize) {
  public FeatureStoreSettings {
    materialize = List.copyOf(materialize);
    for (String t : materialize) {
      LakemlException.check(store.tables().containsKey(t), "lakeml.feature-store.materialize",
          t, "not a declared feature table; declared: "
              + new java.util.TreeSet<>(store.tables().keySet()));
    }
  }

  /** The tables to materialize: those listed, or all declared ones by name. */
  public List<String> tablesToMaterialize() {
    return materialize.isEmpty()
        ? store.tables().keySet().stream().sorted().toList() : materialize;
  }
}
