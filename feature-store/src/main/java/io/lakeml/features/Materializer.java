package io.lakeml.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.max;
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
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

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
      StoredSchema.createIfAbsent(spark, table, path, rows.schema());
      List<String> added = StoredSchema.check(table, path, DeltaTable.forPath(spark, path),
          rows.schema());
      long[] counts = {0, 0};
      // Only rows that are new or differ from the stored ones (null-safe, as EXCEPT compares):
      // a rerun over the same source finds none and commits nothing. Computed inside the retry,
      // against the snapshot the MERGE then commits on: a retry after a concurrent commit sees it.
      DeltaCommits.retrying(path, () -> {
        DeltaTable target = DeltaTable.forPath(spark, path);
        Dataset<Row> changes = rows.except(StoredSchema.declaredColumns(table, target.toDF(),
            rows.schema()));
        counts[0] = 0;
        counts[1] = 0;
        if (!changes.isEmpty()) {
          Row merged = merge(table, path, changes);
          counts[0] = merged.getAs("num_inserted_rows");
          counts[1] = merged.getAs("num_updated_rows");
        }
      });
      long version = DeltaTable.forPath(spark, path).history(1).select("version").head()
          .getLong(0);
      return new Materialization(table.name(), path, version, source.versions(), sourceRows,
          counts[0], counts[1], counts[0] + counts[1] == 0 ? List.of() : added);
    } finally {
      rows.unpersist();
      source.release().run();
    }
  }

  /**
   * One pass: rows, rows with a null key or time, and (keys, time) pairs seen twice, each with an
   * example. A failure while computing the source (e.g. its SQL) is reported as the source's.
   */
  private static long checkRows(FeatureTable table, Dataset<Row> rows) {
    List<Column> keyCols = new ArrayList<>();
    Column anyNull = lit(false);
    for (String k : table.columns().subList(0, table.entityKeys().size() + 1)) {
      keyCols.add(col(SourceConformer.quoted(k)));
      anyNull = anyNull.or(col(SourceConformer.quoted(k)).isNull());
    }
    Column example = to_json(struct(keyCols.toArray(Column[]::new)));
    Row r;
    try {
      r = rows.groupBy(keyCols.toArray(Column[]::new))
          .agg(count(lit(1)).as("n"), max(when(anyNull, 1).otherwise(0)).as("null_key"),
              first(example).as("example"))
          .agg(sum("n"), sum(when(col("null_key").equalTo(1), col("n")).otherwise(0)),
              sum(when(col("n").gt(1), 1).otherwise(0)),
              max_by(col("example"), col("n")), max_by(col("example"), col("null_key")))
          .head();
    } catch (RuntimeException e) {
      throw new LakemlException("Computing the source of feature table " + table.name() + " ("
          + table.source().describe() + ", " + table.key() + ".source) failed: "
          + e.getMessage(), e);
    }
    long total = r.isNullAt(0) ? 0 : r.getLong(0);
    if (!r.isNullAt(1) && r.getLong(1) > 0) {
      throw new LakemlException(r.getLong(1) + " of " + total + " rows of the source of feature "
          + "table " + table.name() + " (" + table.source().describe() + ") have a null entity "
          + "key or event time, e.g. " + r.getString(4) + " (" + table.key() + ".entity-keys "
          + table.entityKeys() + ", .event-time " + table.eventTime() + "); nothing was written");
    }
    if (!r.isNullAt(2) && r.getLong(2) > 0) {
      throw new LakemlException("The source of feature table " + table.name() + " ("
          + table.source().describe() + ") has " + r.getLong(2) + " (entity keys, event time) "
          + "pairs with more than one row, e.g. " + r.getString(3) + "; a feature table holds "
          + "one row per entity and event time (" + table.key() + "); nothing was written");
    }
    return total;
  }

  /**
   * One MERGE of the changed rows by (entity keys, event time); with schema evolution, so that
   * new features (allowed by then) are added in the same commit as their values.
   */
  private Row merge(FeatureTable table, String path, Dataset<Row> changes) {
    Column on = lit(true);
    for (String k : table.columns().subList(0, table.entityKeys().size() + 1)) {
      String q = SourceConformer.quoted(k);
      on = on.and(col(T + "." + q).equalTo(col(S + "." + q)));
    }
    return DeltaTable.forPath(spark, path).as(T).merge(changes.as(S), on)
        .withSchemaEvolution()
        .whenMatched().updateAll()
        .whenNotMatched().insertAll()
        .execute().head();
  }

}
