package io.lakeml.features;

import io.lakeml.config.LakemlException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The schema rules between a declared feature table and the Delta table already stored: entity
 * keys and event time never change; a declared feature the table lacks is added (null in the rows
 * written before) only when the table allows new features; a feature whose type differs is
 * rejected; a stored feature no longer declared is kept, and stops being updated.
 */
final class StoredSchema {
  private StoredSchema() {}

  /** Checks the stored schema against the conformed rows' and adds new feature columns. */
  static List<String> evolve(SparkSession spark, FeatureTable table, String path,
      StructType stored, StructType incoming) {
    for (String column : table.columns().subList(0, table.entityKeys().size() + 1)) {
      StructField want = incoming.apply(column);
      StructField have = find(stored, column);
      if (have == null || !have.dataType().sameType(want.dataType())) {
        throw new LakemlException("Feature table " + table.name() + " at " + path + " has "
            + (have == null ? "no column " + column : "column " + column + " of type "
                + have.dataType().simpleString()) + ", but its declaration (" + table.key()
            + ") makes it a key or event time of type " + want.dataType().simpleString()
            + ": entity keys and event time cannot change; declare a new table");
      }
    }
    List<String> added = new ArrayList<>();
    for (FeatureDef f : table.features()) {
      StructField have = find(stored, f.name());
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
    if (!added.isEmpty()) {
      List<String> columns = new ArrayList<>();
      for (String name : added) {
        FeatureDef f = table.feature(name).orElseThrow();
        columns.add(SourceConformer.quoted(name) + " " + f.type().sql() + " COMMENT '"
            + f.description().replace("\\", "\\\\").replace("'", "\\'") + "'");
      }
      spark.sql("ALTER TABLE delta.`" + path.replace("`", "``") + "` ADD COLUMNS ("
          + String.join(", ", columns) + ")");
    }
    return added;
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
