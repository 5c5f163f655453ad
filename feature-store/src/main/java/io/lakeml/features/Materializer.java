package io.lakeml.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import io.lakeml.config.LakemlException;
import io.lakeml.lake.DeltaCommits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Computes a feature table from its source and upserts it into the store with one MERGE on
 * (entity keys, event time): new rows are inserted, rows whose features changed are updated,
 * unchanged rows are left alone, so a rerun over the same source changes nothing. The source must
 * have one row per (keys, event time) and no null key or time; otherwise nothing is written.
 */
public final class Materializer {
  private static final String S = "s";
  private static final String T = "t";

  private final SparkSession spark;
  private final FeatureStore store;

  public Materializer(SparkSession spark, FeatureStore store) {
    this.spark = spark;
    this.store = store;
  }

  public Materialization materialize(FeatureTable table) {
    SourceReader.Read source = new SourceReader(spark).read(table);
    Dataset<Row> rows = SourceConformer.conform(table, source.rows())
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long sourceRows = checkRows(table, rows);
      String path = store.path(table.name());
      List<String> added = List.of();
      if (!DeltaTable.isDeltaTable(spark, path)) {
        DeltaCommits.retrying(path, () -> rows.write().format("delta").mode("append")
            .save(path));
      } else {
        added = StoredSchema.evolve(spark, table, path,
            DeltaTable.forPath(spark, path).toDF().schema(), rows.schema());
        DeltaCommits.retrying(path, () -> merge(table, path, rows));
      }
      Row last = DeltaTable.forPath(spark, path).history(1)
          .select("version", "operation", "operationMetrics").head();
      Map<String, String> metrics = last.isNullAt(2) ? Map.of()
          : CollectionConverters.asJava(last.<scala.collection.Map<String, String>>getAs(2));
      long inserted = "MERGE".equals(last.getString(1))
          ? parse(metrics.get("numTargetRowsInserted")) : parse(metrics.get("numOutputRows"));
      long updated = parse(metrics.get("numTargetRowsUpdated"));
      return new Materialization(table.name(), path, last.getLong(0), source.versions(),
          sourceRows, inserted, updated, added);
    } finally {
      rows.unpersist();
      source.release().run();
    }
  }

  /** One pass: rows, rows with a null key or time, and (keys, time) pairs seen twice. */
  private static long checkRows(FeatureTable table, Dataset<Row> rows) {
    List<Column> keyCols = new ArrayList<>();
    Column anyNull = col(SourceConformer.quoted(table.eventTime())).isNull();
    for (String k : table.columns().subList(0, table.entityKeys().size() + 1)) {
      keyCols.add(col(SourceConformer.quoted(k)));
      anyNull = anyNull.or(col(SourceConformer.quoted(k)).isNull());
    }
    Row r = rows.groupBy(keyCols.toArray(Column[]::new))
        .agg(count(lit(1)).as("n"), sum(when(anyNull, 1).otherwise(0)).as("nulls"))
        .agg(sum("n"), sum("nulls"), sum(when(col("n").gt(1), 1).otherwise(0)),
            max_by(to_json(struct(keyCols.toArray(Column[]::new))), col("n")))
        .head();
    long total = r.isNullAt(0) ? 0 : r.getLong(0);
    if (!r.isNullAt(1) && r.getLong(1) > 0) {
      throw new LakemlException(r.getLong(1) + " of " + total + " rows of the source of feature "
          + "table " + table.name() + " (" + table.source().describe() + ") have a null entity "
          + "key or event time (" + table.key() + ".entity-keys " + table.entityKeys()
          + ", .event-time " + table.eventTime() + "); nothing was written");
    }
    if (!r.isNullAt(2) && r.getLong(2) > 0) {
      throw new LakemlException("The source of feature table " + table.name() + " ("
          + table.source().describe() + ") has " + r.getLong(2) + " (entity keys, event time) "
          + "pairs with more than one row, e.g. " + r.getString(3) + "; a feature table holds "
          + "one row per entity and event time (" + table.key() + "); nothing was written");
    }
    return total;
  }

  private void merge(FeatureTable table, String path, Dataset<Row> rows) {
    Column on = lit(true);
    for (String k : table.columns().subList(0, table.entityKeys().size() + 1)) {
      String q = SourceConformer.quoted(k);
      on = on.and(col(T + "." + q).equalTo(col(S + "." + q)));
    }
    Column changed = lit(false);
    Map<String, Column> update = new LinkedHashMap<>();
    for (String f : table.featureNames()) {
      String q = SourceConformer.quoted(f);
      changed = changed.or(col(T + "." + q).eqNullSafe(col(S + "." + q)).unary_$bang());
      update.put(q, col(S + "." + q));
    }
    Map<String, Column> insert = new LinkedHashMap<>();
    for (String c : table.columns()) {
      insert.put(SourceConformer.quoted(c), col(S + "." + SourceConformer.quoted(c)));
    }
    DeltaTable.forPath(spark, path).as(T).merge(rows.as(S), on)
        .whenMatched(changed).update(update)
        .whenNotMatched().insert(insert)
        .execute();
  }

  private static long parse(String metric) {
    return metric == null ? 0 : Long.parseLong(metric);
  }
}
