package io.lakeml.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import scala.jdk.javaapi.CollectionConverters;

/** Null-safe reads of named fields of a collected Row into plain Java values. */
final class RowValues {
  private RowValues() {}

  static boolean isNull(Row row, String field) {
    return row.isNullAt(row.fieldIndex(field));
  }

  static String string(Row row, String field) {
    return isNull(row, field) ? null : row.getString(row.fieldIndex(field));
  }

  static Double real(Row row, String field) {
    return isNull(row, field) ? null : row.getDouble(row.fieldIndex(field));
  }

  static Long integer(Row row, String field) {
    return isNull(row, field) ? null : ((Number) row.get(row.fieldIndex(field))).longValue();
  }

  static Boolean bool(Row row, String field) {
    return isNull(row, field) ? null : row.getBoolean(row.fieldIndex(field));
  }

  static Instant instant(Row row, String field) {
    return isNull(row, field) ? null : ((Timestamp) row.get(row.fieldIndex(field))).toInstant();
  }

  static List<Double> reals(Row row, String field) {
    return isNull(row, field) ? List.of() : List.copyOf(row.getList(row.fieldIndex(field)));
  }

  /** A map column (empty when null). */
  static Map<String, Double> realMap(Row row, String field) {
    if (isNull(row, field)) {
      return Map.of();
    }
    scala.collection.Map<String, Double> map = row.getMap(row.fieldIndex(field));
    return new TreeMap<>(CollectionConverters.asJava(map));
  }
}
