package io.lakeml.features;

import io.lakeml.config.LakemlException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** "table.feature" or "table.*" (every declared feature of the table). */
public record FeatureRef(String table, String feature) {
  public static final String ALL = "*";

  public static FeatureRef parse(String ref, String key) {
    int dot = ref.indexOf('.');
    if (dot <= 0 || dot == ref.length() - 1 || ref.indexOf('.', dot + 1) >= 0) {
      throw LakemlException.invalid(key, ref, "expected table.feature or table.*");
    }
    return new FeatureRef(ref.substring(0, dot), ref.substring(dot + 1));
  }

  /**
   * The references resolved against the store: per table (in first-mention order) its features
   * in reference order, each once. Unknown tables or features are errors naming the key.
   */
  public static Map<String, List<String>> resolve(List<String> refs, FeatureStore store,
      String key) {
    Map<String, LinkedHashSet<String>> out = new LinkedHashMap<>();
    for (String raw : refs) {
      FeatureRef ref = parse(raw, key);
      if (!store.tables().containsKey(ref.table())) {
        throw LakemlException.invalid(key, raw, "no feature table " + ref.table() + " in "
            + FeatureStoreConfig.TABLES + "; declared: "
            + new java.util.TreeSet<>(store.tables().keySet()));
      }
      FeatureTable table = store.table(ref.table());
      LinkedHashSet<String> features = out.computeIfAbsent(ref.table(),
          t -> new LinkedHashSet<>());
      if (ref.feature().equals(ALL)) {
        features.addAll(table.featureNames());
      } else if (table.feature(ref.feature()).isPresent()) {
        features.add(ref.feature());
      } else {
        throw LakemlException.invalid(key, raw, "feature table " + ref.table() + " declares no "
            + "feature " + ref.feature() + "; its features: " + table.featureNames());
      }
    }
    Map<String, List<String>> result = new LinkedHashMap<>();
    out.forEach((t, f) -> result.put(t, new ArrayList<>(f)));
    return result;
  }
}
