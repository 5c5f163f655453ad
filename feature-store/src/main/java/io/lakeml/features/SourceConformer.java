package io.lakeml.features;

import static org.apache.spark.sql.functions.col;

import io.lakeml.config.LakemlException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns source rows into the feature table's declared columns: entity keys as they are, the event
 * time as a timestamp, each feature cast to its declared type where Spark can do so without loss.
 * A missing column or a narrowing type is an error naming the table, column and config key.
 */
final class SourceConformer {
  private SourceConformer() {}

  static Dataset<Row> conform(FeatureTable table, Dataset<Row> source) {
    StructType schema = source.schema();
    List<Column> out = new ArrayList<>();
    for (String key : table.entityKeys()) {
      StructField f = field(table, schema, key, table.key() + ".entity-keys");
      if (!FeatureTypes.keyType(f.dataType())) {
        throw new LakemlException("Entity key " + key + " of feature table " + table.name()
            + " has type " + f.dataType().simpleString() + " in its source ("
            + table.source().describe() + "); " + table.key() + ".entity-keys must name string, "
            + "whole-number, boolean, date or timestamp columns");
      }
      out.add(col(quoted(key)));
    }
    StructField time = field(table, schema, table.eventTime(), table.key() + ".event-time");
    if (!FeatureTypes.isTime(time.dataType())) {
      throw new LakemlException("Event time column " + table.eventTime() + " of the source of "
          + "feature table " + table.name() + " (" + table.source().describe() + ") has type "
          + time.dataType().simpleString() + "; " + table.key() + ".event-time must name a "
          + "timestamp or date column");
    }
    // Dates stay dates: the join counts a date's values as known at the end of that day.
    out.add(col(quoted(table.eventTime())).as(table.eventTime()));
    for (int i = 0; i < table.features().size(); i++) {
      FeatureDef f = table.features().get(i);
      String key = table.key() + ".features[" + i + "]";
      StructField field = field(table, schema, f.name(), key + ".name");
      if (!FeatureTypes.fits(field.dataType(), f.type())) {
        throw new LakemlException("Feature " + f.name() + " of feature table " + table.name()
            + " is declared " + f.type().simpleString() + " (" + key + ".type) but its source ("
            + table.source().describe() + ") has type " + field.dataType().simpleString()
            + ", which does not convert without loss: declare the source's type or cast in the "
            + "source SQL");
      }
      out.add(col(quoted(f.name())).cast(f.type()).as(f.name(), comment(f.description())));
    }
    return source.select(out.toArray(Column[]::new));
  }

  static Metadata comment(String description) {
    return new MetadataBuilder().putString("comment", description).build();
  }

  static String quoted(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  private static StructField field(FeatureTable table, StructType schema, String column,
      String key) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(column)) {
        return f;
      }
    }
    throw new LakemlException("The source of feature table " + table.name() + " ("
        + table.source().describe() + ") has no column " + column + " (named in " + key
        + "); its columns: " + List.of(schema.fieldNames()));
  }
}
