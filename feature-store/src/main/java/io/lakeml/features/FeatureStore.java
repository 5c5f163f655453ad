package io.lakeml.features;

import io.lakeml.config.LakemlException;
import java.util.Map;

/**
 * The offline store: Delta tables under one root, one folder per feature table, plus the store's
 * own logs (names starting with _, which feature tables cannot have).
 */
public record FeatureStore(String root, Map<String, FeatureTable> tables) {
  public FeatureStore {
    tables = Map.copyOf(tables);
  }

  /** The declared table of that name, or an error naming the known ones. */
  public FeatureTable table(String name) {
    FeatureTable t = tables.get(name);
    if (t == null) {
      throw new LakemlException("No feature table " + name + " in " + FeatureStoreConfig.TABLES
          + " (declared: " + new java.util.TreeSet<>(tables.keySet()) + ")");
    }
    return t;
  }

  public String path(String table) {
    return root + "/" + table;
  }

  /** Per table version, per feature: counts, moments, histogram, top values. */
  public String statsPath() {
    return root + "/_stats";
  }

  /** One row per materialization of a table: the versions it read and the one it wrote. */
  public String materializationsPath() {
    return root + "/_materializations";
  }
}
