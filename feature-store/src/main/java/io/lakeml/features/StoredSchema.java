package io.lakeml.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.lakeml.config.LakemlException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The schema rules between a declared feature table and the Delta table already stored: entity
 * keys and event time never change (they are table properties, set at creation); a declared
 * feature the table lacks is added (null in the rows written before, by the MERGE that brings its
 * values) only when the table allows new features; a feature whose type differs is rejected; a
 * stored feature no longer declared is kept, and stops being updated.
 */
final class StoredSchema {
  private StoredSchema() {}

  static final String KEYS_PROPERTY = "lakeml.entity-keys";
  static final String TIME_PROPERTY = "lakeml.event-time";

  /**
   * Creates the empty table with the declared schema; its keys and time as table properties. The
   * location is qualified first: Delta's builder names a table without a catalog name
   * delta.`location`, and takes a relative location (the default lake root "lake") for a catalog
   * table name, which it rejects.
   */
  static void createIfAbsent(SparkSession spark, FeatureTable table, String path,
      StructType schema) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      DeltaTable.createIfNotExists(spark).location(qualified(spark, path)).addColumns(schema)
          .comment(table.description())
          .property(KEYS_PROPERTY, String.join(",", table.entityKeys()))
          .property(TIME_PROPERTY, table.eventTime()).execute();
    }
  }

  /** The path made absolute on its file system (relative paths resolve against its working dir). */
  static String qualified(SparkSession spark, String path) {
    Path p = new Path(path);
    try {
      return p.getFileSystem(spark.sessionState().newHadoopConf()).makeQualified(p).toString();
    } catch (IOException e) {
      throw new LakemlException("Cannot resolve the feature table location " + path + ": " + e, e);
    }
  }

  /**
   * Checks the stored table against the declaration and the incoming rows' schema; returns the
   * declared features it lacks.
   */
  static List<String> check(FeatureTable table, String path, DeltaTable stored,
      StructType incoming) {
    Row detail = stored.detail().select("properties").head();
    Map<String, String> properties = detail.isNullAt(0) ? Map.of()
        : CollectionConverters.asJava(detail.<scala.collection.Map<String, String>>getAs(0));
    String keys = String.join(",", table.entityKeys());
    if (!keys.equals(properties.get(KEYS_PROPERTY))
        || !table.eventTime().equals(properties.get(TIME_PROPERTY))) {
      throw new LakemlException("Feature table " + table.name() + " at " + path + " is keyed by ["
          + properties.get(KEYS_PROPERTY) + "] at " + properties.get(TIME_PROPERTY) + ", but "
          + table.key() + " declares entity-keys [" + keys + "] and event-time "
          + table.eventTime() + ": keys and event time cannot change; declare a new table");
    }
    StructType schema = stored.toDF().schema();
    checkKeyTypes(table, path, schema, incoming);
    List<String> added = new ArrayList<>();
    for (FeatureDef f : table.features()) {
      StructField have = find(schema, f.name());
      if (have == null) {
        added.add(f.name());
      } else if (!have.dataType().sameType(f.type())) {
        throw new LakemlException("Feature " + f.name() + " of feature table " + table.name()
            + " is declared " + f.type().simpleString() + " in " + table.key() + ".features but "
            + "is stored at " + path + " as " + have.dataType().simpleString() + ": type changes "
            + "are rejected; declare a new feature name (or a new table) instead");
      }
    }
    if (!added.isEmpty() && !table.allowNewFeatures()) {
      throw new LakemlException("Feature table " + table.name() + " at " + path + " has no "
          + "column for the declared features " + added + "; set " + table.key()
          + ".allow-new-features = true to add them (rows written before get nulls)");
    }
    return added;
  }

  /**
   * The entity keys and event time keep their stored types: the MERGE would cast them silently,
   * and a date event time read as a timestamp (or back) moves when a value counts as known.
   */
  private static void checkKeyTypes(FeatureTable table, String path, StructType stored,
      StructType incoming) {
    for (String k : table.columns().subList(0, table.entityKeys().size() + 1)) {
      StructField have = find(stored, k);
      StructField comes = find(incoming, k);
      if (have != null && comes != null && !have.dataType().sameType(comes.dataType())) {
        String role = k.equals(table.eventTime()) ? "event time" : "entity key";
        throw new LakemlException("The " + role + " " + k + " of feature table " + table.name()
            + " is stored at " + path + " as " + have.dataType().simpleString() + " but its "
            + "source (" + table.source().describe() + ", " + table.key() + ".source) now gives "
            + comes.dataType().simpleString() + ": key and event-time types cannot change; cast "
            + "it in the source or declare a new table; nothing was written");
      }
    }
  }

  /** The stored rows as the declared columns (null where a new feature is not stored yet). */
  static Dataset<Row> declaredColumns(FeatureTable table, Dataset<Row> stored,
      StructType declared) {
    List<String> have = List.of(stored.columns());
    List<Column> out = new ArrayList<>();
    for (StructField f : declared.fields()) {
      out.add(have.contains(f.name()) ? col(SourceConformer.quoted(f.name()))
          : lit(null).cast(f.dataType()).as(f.name()));
    }
    return stored.select(out.toArray(Column[]::new));
  }

  private static StructField find(StructType schema, String column) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(column)) {
        return f;
      }
    }
    return null;
  }
}
