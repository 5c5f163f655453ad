package io.lakeml.features;

import io.lakeml.lake.RunTableWriter;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Materializes feature tables one after the other: MERGE the source into the table, profile the
 * version it left (unless already profiled), and log the run (run id, table, version written,
 * source versions read) in the store's _materializations table, replacing that run's row on a
 * rerun. Each table is its own Delta commit: a failure leaves the tables before it done and the
 * rest untouched, and a rerun completes them.
 */
public final class FeatureMaterialization {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureMaterialization.class);
  static final StructType LOG_SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false).add("table", DataTypes.StringType, false)
      .add("table_version", DataTypes.LongType)
      .add("source_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
      .add("source_rows", DataTypes.LongType).add("rows_inserted", DataTypes.LongType)
      .add("rows_updated", DataTypes.LongType)
      .add("features_added", DataTypes.createArrayType(DataTypes.StringType))
      .add("materialized_at", DataTypes.TimestampType);

  private final SparkSession spark;
  private final FeatureStore store;

  public FeatureMaterialization(SparkSession spark, FeatureStore store) {
    this.spark = spark;
    this.store = store;
  }

  /** names: the tables to materialize, in order (every one must be declared). */
  public List<Materialization> run(String runId, List<String> names) {
    List<FeatureTable> tables = names.stream().map(store::table).toList();
    StatsTable stats = new StatsTable(spark, store.statsPath());
    List<Materialization> done = new ArrayList<>();
    for (FeatureTable table : tables) {
      Materialization m = new Materializer(spark, store).materialize(table);
      LOG.info("Feature table {}: version {} ({} source rows: {} inserted, {} updated{}); "
              + "sources {}", table.name(), m.version(), m.sourceRows(), m.inserted(),
          m.updated(), m.added().isEmpty() ? "" : "; features added " + m.added(),
          m.sourceVersions());
      profile(stats, table, m.version());
      log(runId, m);
      done.add(m);
    }
    return done;
  }

  private void profile(StatsTable stats, FeatureTable table, long version) {
    Map<Long, Map<String, FeatureStat>> profiled = stats.readAll(table.name());
    if (profiled.containsKey(version)) {
      return;
    }
    // Each feature's edges: those of the earliest version that had any (a feature added later
    // or empty at first gets its own from the first version with values).
    Map<String, double[]> frozen = new LinkedHashMap<>();
    profiled.values().forEach(byFeature -> byFeature.forEach((f, st) -> {
      if (st.edges() != null && st.edges().length > 0) {
        frozen.putIfAbsent(f, st.edges());
      }
    }));
    Map<String, FeatureStat> previous = new LinkedHashMap<>();
    profiled.keySet().stream().filter(v -> v < version).reduce((a, b) -> b)
        .ifPresent(v -> previous.putAll(profiled.get(v)));
    Dataset<Row> rows = spark.read().format("delta").option("versionAsOf", version)
        .load(store.path(table.name()));
    List<FeatureStat> out = new ArrayList<>();
    for (FeatureStat s : FeatureStats.compute(table, rows, frozen)) {
      FeatureStat before = previous.get(s.feature());
      out.add(before == null ? s : s.withPsiPrevious(s.psiAgainst(before)));
    }
    stats.write(table.name(), version, out);
  }

  private void log(String runId, Materialization m) {
    Row row = RowFactory.create(runId, m.table(), m.version(),
        scala.jdk.javaapi.CollectionConverters.asScala(m.sourceVersions()), m.sourceRows(),
        m.inserted(), m.updated(), m.added(), Timestamp.from(Instant.now()));
    new RunTableWriter(spark).replace(store.materializationsPath(), "run_id = '"
        + runId.replace("'", "''") + "' AND table = '" + m.table() + "'",
        spark.createDataFrame(List.of(row), LOG_SCHEMA));
  }
}
