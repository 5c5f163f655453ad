package io.lakeml.registry;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.lakeml.config.LakemlException;
import io.lakeml.lake.DeltaCommits;
import io.lakeml.registry.RegistryEntry.Stage;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * automl/registry, a Delta table of model versions with their stage. Every change is one Delta
 * MERGE whose conditions are evaluated on the transaction's own snapshot ("archive whatever is
 * champion now, make v champion"), so concurrent changes are serialised by Delta's optimistic
 * concurrency control: a loser conflicts and is retried ({@link DeltaCommits}), and no change is
 * lost or leaves two champions. Registration is idempotent per (model, run id): a rerun of a run
 * keeps its version and refreshes its figures.
 */
public final class ModelRegistry {
  private final SparkSession spark;
  private final String path;

  public ModelRegistry(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
  }

  public String path() {
    return path;
  }

  /** Every version of the model, oldest first (empty when the registry does not exist). */
  public List<RegistryEntry> versions(String model) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return List.of();
    }
    return spark.read().format("delta").load(path).where(col("model_name").equalTo(model))
        .collectAsList().stream().map(RegistryEntry::fromRow)
        .sorted(Comparator.comparingInt(RegistryEntry::version)).toList();
  }

  public Optional<RegistryEntry> champion(String model) {
    return versions(model).stream().filter(e -> e.stage() == Stage.CHAMPION).findFirst();
  }

  /** The version, or a LakemlException naming the model, the version and the registry. */
  public RegistryEntry version(String model, int version) {
    return versions(model).stream().filter(e -> e.version() == version).findFirst()
        .orElseThrow(() -> new LakemlException("No version " + version + " of model " + model
            + " in the registry at " + path + "; versions: " + versions(model).stream()
                .map(RegistryEntry::version).toList()));
  }

  /**
   * Registers the entry as the next version (stage candidate), or, when its run id is already
   * registered, refreshes that version's figures and keeps its number and stage.
   */
  public RegistryEntry register(RegistryEntry entry) {
    ensureTable();
    return DeltaCommits.retrying(path, () -> {
      List<RegistryEntry> known = versions(entry.modelName());
      Optional<RegistryEntry> same = known.stream()
          .filter(e -> e.runId().equals(entry.runId())).findFirst();
      int version = same.map(RegistryEntry::version)
          .orElse(known.stream().mapToInt(RegistryEntry::version).max().orElse(0) + 1);
      RegistryEntry row = entry.withVersion(version);
      Dataset<Row> source = spark.createDataFrame(List.of(row.toRow()), RegistryEntry.SCHEMA);
      // Matching on the version too: if another run took this number meanwhile, nothing is
      // inserted and the check below retries with the next one.
      DeltaTable.forPath(spark, path).as("t").merge(source.as("s"),
              "t.model_name = s.model_name AND (t.run_id = s.run_id OR t.version = s.version)")
          .whenMatched("t.run_id = s.run_id").updateExpr(Map.of(
              "model_path", "s.model_path", "task", "s.task", "metric", "s.metric",
              "cv_mean", "s.cv_mean", "holdout_value", "s.holdout_value",
              "holdout_metrics", "s.holdout_metrics", "input_ref", "s.input_ref",
              "input_version", "s.input_version"))
          .whenNotMatched().insertAll()
          .execute();
      return versions(entry.modelName()).stream()
          .filter(e -> e.runId().equals(entry.runId())).findFirst()
          .orElseThrow(() -> new VersionTaken(entry.modelName(), version));
    });
  }

  /** Makes the version champion; the current champion (if another) is archived. */
  public RegistryEntry promote(String model, int version, String note) {
    return change(model, version, note, false);
  }

  /**
   * Promotes the version only if the champion is still {@code expected} (empty: still none), the
   * one the caller compared it with; empty when another change came first (compare again). The
   * check reads the table just before the MERGE, so the window left is that of planning the
   * MERGE, not of scoring the champion; within it Delta's conflict check does not help.
   */
  public Optional<RegistryEntry> promoteIfChampion(String model, int version,
      Optional<Integer> expected, String note) {
    Optional<Integer> current = champion(model).map(RegistryEntry::version);
    if (!current.equals(expected)) {
      return Optional.empty();
    }
    return Optional.of(promote(model, version, note));
  }

  /**
   * Archives the champion and restores the version that was champion before it: the latest
   * promoted strictly before the current one. The restored version keeps its promotion time, so a
   * second rollback goes one further back, not forth.
   */
  public RegistryEntry rollback(String model, String note) {
    List<RegistryEntry> all = versions(model);
    RegistryEntry current = all.stream().filter(e -> e.stage() == Stage.CHAMPION).findFirst()
        .orElseThrow(() -> new LakemlException("Cannot roll back model " + model
            + ": it has no champion in the registry at " + path));
    RegistryEntry previous = all.stream()
        .filter(e -> e.version() != current.version() && e.promotedAt() != null
            && current.promotedAt() != null && e.promotedAt().isBefore(current.promotedAt()))
        .max(Comparator.comparing(RegistryEntry::promotedAt))
        .orElseThrow(() -> new LakemlException("Cannot roll back model " + model + " v"
            + current.version() + ": no earlier version was champion before it (registry at "
            + path + ")"));
    return change(model, previous.version(), note, true);
  }

  /** One MERGE: v becomes champion (keeping its promotion time on a rollback), others archived. */
  private RegistryEntry change(String model, int version, String note, boolean restore) {
    version(model, version);
    Dataset<Row> source = spark.createDataFrame(List.of(RowFactory.create(model,
            Timestamp.from(Instant.now()), note, "replaced by v" + version)),
        new StructType().add("model_name", DataTypes.StringType)
            .add("at", DataTypes.TimestampType).add("note", DataTypes.StringType)
            .add("archived_note", DataTypes.StringType));
    Map<String, String> champion = new java.util.HashMap<>(Map.of("stage", "'champion'",
        "stage_changed_at", "s.at", "note", "s.note"));
    if (!restore) {
      champion.put("promoted_at", "s.at");
    }
    DeltaCommits.retrying(path, () -> DeltaTable.forPath(spark, path).as("t")
        .merge(source.as("s"), "t.model_name = s.model_name")
        .whenMatched("t.version = " + version + " AND t.stage <> 'champion'")
        .updateExpr(champion)
        .whenMatched("t.version <> " + version + " AND t.stage = 'champion'").updateExpr(Map.of(
            "stage", "'archived'", "stage_changed_at", "s.at", "note", "s.archived_note"))
        .execute());
    return version(model, version);
  }

  private void ensureTable() {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      DeltaCommits.retrying(path, () -> {
        if (!DeltaTable.isDeltaTable(spark, path)) {
          spark.createDataFrame(List.<Row>of(), RegistryEntry.SCHEMA).write().format("delta")
              .mode("append").save(path);
        }
      });
    }
  }

  /** Another run registered this version number first: retried with the next one. */
  static final class VersionTaken extends io.delta.exceptions.ConcurrentAppendException {
    VersionTaken(String model, int version) {
      super("version " + version + " of " + model + " was registered by another run");
    }
  }
}
