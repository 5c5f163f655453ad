package io.lakeml.features;

import io.delta.tables.DeltaTable;
import io.lakeml.config.LakemlException;
import io.lakeml.lake.DeltaReader;
import io.lakeml.lake.PinnedTable;
import io.lakeml.lake.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds point-in-time correct training (or scoring) sets: for each label row, the latest values
 * at or before its event time of every referenced feature, one as-of join per feature table, each
 * table read at one pinned Delta version. Nothing is collected to the driver.
 */
public final class TrainingSets {
  private final SparkSession spark;
  private final FeatureStore store;

  public TrainingSets(SparkSession spark, FeatureStore store) {
    this.spark = spark;
    this.store = store;
  }

  /** labelsName: how to name the labels in messages (e.g. "Delta table at x (lakeml.input.path)"). */
  public TrainingSet build(Dataset<Row> labels, String labelsName, TrainingSetSpec spec) {
    Map<String, List<String>> refs = FeatureRef.resolve(spec.features(), store,
        spec.configKey() + ".features");
    for (String pinned : spec.versions().keySet()) {
      if (!refs.containsKey(pinned)) {
        throw LakemlException.invalid(spec.configKey() + ".feature-versions." + pinned,
            spec.versions().get(pinned), "pins a feature table the training set does not use; "
                + "it uses " + refs.keySet());
      }
    }
    // Spark resolves column names ignoring case: "Income" and "income" would clash.
    Map<String, String> owner = new LinkedHashMap<>();
    for (String c : labels.columns()) {
      owner.put(c.toLowerCase(java.util.Locale.ROOT), labelsName);
    }
    Map<String, Long> versions = new LinkedHashMap<>();
    LinkedHashSet<String> keys = new LinkedHashSet<>();
    List<String> added = new ArrayList<>();
    Dataset<Row> out = labels;
    for (Map.Entry<String, List<String>> ref : refs.entrySet()) {
      FeatureTable table = store.table(ref.getKey());
      for (String f : ref.getValue()) {
        String other = owner.putIfAbsent(f.toLowerCase(java.util.Locale.ROOT),
            "feature table " + table.name());
        if (other != null) {
          throw LakemlException.invalid(spec.configKey() + ".features", table.name() + "." + f,
              "column " + f + " would come from both " + other + " and feature table "
                  + table.name() + "; reference only one of them");
        }
      }
      PinnedTable stored = read(table, spec);
      versions.put(table.name(), stored.version());
      for (String f : ref.getValue()) {
        if (!List.of(stored.data().columns()).contains(f)) {
          throw new LakemlException("Feature table " + table.name() + " at version "
              + stored.version() + " has no column " + f + " (declared in " + table.key()
              + ".features but added later, or not materialized since): pin a later version in "
              + spec.configKey() + ".feature-versions." + table.name() + " or run "
              + "io.lakeml.jobs.MaterializeFeaturesJob");
        }
      }
      keys.addAll(table.entityKeys());
      added.addAll(ref.getValue());
      out = PointInTimeJoin.join(out, spec.eventTime(), labelsName, table, stored.data(),
          ref.getValue(), spec.maxAge());
    }
    List<String> qualified = new ArrayList<>();
    refs.forEach((t, fs) -> fs.forEach(f -> qualified.add(t + "." + f)));
    return new TrainingSet(out, added, qualified, new ArrayList<>(keys), versions);
  }

  private PinnedTable read(FeatureTable table, TrainingSetSpec spec) {
    String path = store.path(table.name());
    if (!DeltaTable.isDeltaTable(spark, path)) {
      throw new LakemlException("Feature table " + table.name() + " (used by "
          + spec.configKey() + ".features) has not been materialized: no Delta table at " + path
          + "; run io.lakeml.jobs.MaterializeFeaturesJob first");
    }
    String key = spec.configKey() + ".feature-versions." + table.name();
    Long version = spec.versions().get(table.name());
    if (version != null) {
      long latest = DeltaTable.forPath(spark, path).history(1).select("version").head()
          .getLong(0);
      LakemlException.check(version <= latest, key, version, "feature table " + table.name()
          + " at " + path + " has versions up to " + latest);
    }
    return new DeltaReader(spark).read(new TableRef(path, null, version, null, key));
  }
}
