package io.lakeml.monitor;

import io.lakeml.features.FeatureStat;
import io.lakeml.features.FeatureStore;
import io.lakeml.features.StatsTable;
import io.lakeml.registry.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.apache.spark.sql.SparkSession;

/**
 * Drift of the feature tables a model was trained from, read off the feature store's _stats
 * table (written by each materialization, with bin edges frozen at a table's first version): for
 * every feature the model joined, the PSI of the table's latest profiled version against the
 * version the model was trained on. One small read of _stats; no pass over the data. A model
 * trained on a plain table, or a table without stats for either version, gives no check.
 */
final class FeatureTableDrift {
  private FeatureTableDrift() {}

  /** One check per joined feature whose two versions have comparable stats. */
  static List<Check> checks(SparkSession spark, ModelInfo model, double threshold) {
    ModelInfo.TrainingSetInfo set = model.trainingSet();
    List<Check> out = new ArrayList<>();
    if (set == null || set.featureVersions() == null) {
      return out;
    }
    StatsTable stats = new StatsTable(spark, new FeatureStore(set.storeRoot(), Map.of())
        .statsPath());
    Map<String, NavigableMap<Long, Map<String, FeatureStat>>> all =
        stats.readAll(set.featureVersions().keySet());
    for (Map.Entry<String, Long> table : set.featureVersions().entrySet()) {
      NavigableMap<Long, Map<String, FeatureStat>> versions = all.get(table.getKey());
      Map<String, FeatureStat> trained = versions == null ? null : versions.get(table.getValue());
      if (trained == null) {
        continue;
      }
      long latest = versions.lastKey();
      Map<String, FeatureStat> now = versions.get(latest);
      for (String ref : set.features()) {
        if (!ref.startsWith(table.getKey() + ".")) {
          continue;
        }
        String feature = ref.substring(table.getKey().length() + 1);
        FeatureStat before = trained.get(feature);
        FeatureStat after = now.get(feature);
        Double psi = before == null || after == null ? null : after.psiAgainst(before);
        if (psi != null) {
          out.add(Check.psi(Check.FEATURE_TABLE, ref + " v" + table.getValue() + "->v" + latest,
              psi, threshold, after.rows()));
        }
      }
    }
    return out;
  }
}
