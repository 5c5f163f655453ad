package io.lakeml.features;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.lakeml.lake.RunTableWriter;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The store's _stats Delta table: one row per (feature table, table version, feature). Written by
 * materialization, read by the next one (frozen bin edges, PSI against the previous version) and
 * by anyone monitoring feature tables.
 */
public final class StatsTable {
  static final StructType VALUE_COUNT = new StructType().add("value", DataTypes.StringType)
      .add("count", DataTypes.LongType);
  static final StructType SCHEMA = new StructType()
      .add("table", DataTypes.StringType, false).add("table_version", DataTypes.LongType, false)
      .add("feature", DataTypes.StringType, false).add("data_type", DataTypes.StringType)
      .add("rows", DataTypes.LongType).add("nulls", DataTypes.LongType)
      .add("distinct_approx", DataTypes.LongType).add("mean", DataTypes.DoubleType)
      .add("stddev", DataTypes.DoubleType).add("min", DataTypes.DoubleType)
      .add("max", DataTypes.DoubleType)
      .add("bin_edges", DataTypes.createArrayType(DataTypes.DoubleType))
      .add("histogram", DataTypes.createArrayType(DataTypes.LongType))
      .add("top_values", DataTypes.createArrayType(VALUE_COUNT))
      .add("other_count", DataTypes.LongType).add("psi_previous", DataTypes.DoubleType)
      .add("computed_at", DataTypes.TimestampType);

  private final SparkSession spark;
  private final String path;

  public StatsTable(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
  }

  /** The stats of one table version, by feature (empty when none were computed). */
  public Map<String, FeatureStat> read(String table, long version) {
    return readAll(table).getOrDefault(version, Map.of());
  }

  /** Every profiled version of the table (ascending), each by feature; one small read. */
  public NavigableMap<Long, Map<String, FeatureStat>> readAll(String table) {
    return readAll(List.of(table)).getOrDefault(table, new TreeMap<>());
  }

  /** The same for several tables, by table, in one read. */
  public Map<String, NavigableMap<Long, Map<String, FeatureStat>>> readAll(
      java.util.Collection<String> tables) {
    Map<String, NavigableMap<Long, Map<String, FeatureStat>>> out = new LinkedHashMap<>();
    if (tables.isEmpty() || !DeltaTable.isDeltaTable(spark, path)) {
      return out;
    }
    for (Row r : spark.read().format("delta").load(path)
        .where(col("table").isin(tables.toArray())).orderBy("table", "table_version", "feature")
        .collectAsList()) {
      out.computeIfAbsent(r.getString(0), t -> new TreeMap<>())
          .computeIfAbsent(r.getLong(1), v -> new LinkedHashMap<>()).put(r.getString(2), stat(r));
    }
    return out;
  }

  /** Replaces the stats of one table version (one MERGE). */
  void write(String table, long version, List<FeatureStat> stats) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    for (FeatureStat s : stats) {
      List<Row> top = new ArrayList<>();
      s.topValues().forEach((v, n) -> top.add(RowFactory.create(v, n)));
      rows.add(RowFactory.create(table, version, s.feature(), s.dataType(), s.rows(), s.nulls(),
          s.distinct(), s.mean(), s.stddev(), s.min(), s.max(),
          s.edges() == null ? null : java.util.Arrays.stream(s.edges()).boxed().toList(),
          s.histogram() == null ? null : java.util.Arrays.stream(s.histogram()).boxed().toList(),
          top, s.otherCount(), s.psiPrevious(), now));
    }
    new RunTableWriter(spark).replace(path, "table = '" + table + "' AND table_version = "
        + version, spark.createDataFrame(rows, SCHEMA));
  }

  private static FeatureStat stat(Row r) {
    Map<String, Long> top = new LinkedHashMap<>();
    if (!r.isNullAt(13)) {
      for (Row v : r.<Row>getList(13)) {
        top.put(v.getString(0), v.getLong(1));
      }
    }
    double[] edges = r.isNullAt(11) ? null
        : r.<Double>getList(11).stream().mapToDouble(Double::doubleValue).toArray();
    long[] histogram = r.isNullAt(12) ? null
        : r.<Long>getList(12).stream().mapToLong(Long::longValue).toArray();
    return new FeatureStat(r.getString(2), r.getString(3), r.getLong(4), r.getLong(5),
        r.getLong(6), (Double) r.get(7), (Double) r.get(8), (Double) r.get(9), (Double) r.get(10),
        edges, histogram, top, r.getLong(14), (Double) r.get(15));
  }

}
