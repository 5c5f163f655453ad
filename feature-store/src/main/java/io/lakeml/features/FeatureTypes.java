package io.lakeml.features;

import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;

/** Which types a feature may have, and which source types may fill a declared type. */
final class FeatureTypes {
  private FeatureTypes() {}

  static boolean supported(DataType type) {
    return type instanceof NumericType || type instanceof StringType
        || type instanceof BooleanType || type instanceof DateType
        || type instanceof TimestampType;
  }

  /** A source column of type from fills a column of type to when Spark casts it without loss. */
  static boolean fits(DataType from, DataType to) {
    return from.sameType(to) || Cast.canUpCast(from, to);
  }

  static boolean isTime(DataType type) {
    return type instanceof TimestampType || type instanceof DateType;
  }
}
