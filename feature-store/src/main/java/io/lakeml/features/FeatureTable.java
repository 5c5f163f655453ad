package io.lakeml.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A feature table as declared in lakeml.feature-store.tables.&lt;name&gt;: rows keyed by the
 * entity key columns and the event time (when the values became known), one column per feature.
 * allowNewFeatures: whether materializing may add declared features the stored table lacks.
 */
public record FeatureTable(String name, String description, String owner, List<String> entityKeys,
    String eventTime, List<FeatureDef> features, FeatureSource source, boolean allowNewFeatures) {

  public FeatureTable {
    entityKeys = List.copyOf(entityKeys);
    features = List.copyOf(features);
  }

  /** The config section it was declared in, for messages. */
  public String key() {
    return FeatureStoreConfig.TABLES + "." + name;
  }

  public Optional<FeatureDef> feature(String column) {
    return features.stream().filter(f -> f.name().equals(column)).findFirst();
  }

  public List<String> featureNames() {
    return features.stream().map(FeatureDef::name).toList();
  }

  /** Entity keys, event time, then the features: the stored table's declared columns. */
  public List<String> columns() {
    List<String> out = new ArrayList<>(entityKeys);
    out.add(eventTime);
    out.addAll(featureNames());
    return out;
  }
}
