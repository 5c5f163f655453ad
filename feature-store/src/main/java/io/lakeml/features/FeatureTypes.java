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

  /**
   * The type two entity key columns are compared in: their own when equal, bigint when both are
   * whole numbers; null otherwise (no silent string or floating-point comparison).
   */
  static DataType commonKeyType(DataType a, DataType b) {
    if (a.sameType(b)) {
      return a;
    }
    return isWhole(a) && isWhole(b) ? org.apache.spark.sql.types.DataTypes.LongType : null;
  }

  /** Types an entity key may have: strings, whole numbers, booleans, dates, timestamps. */
  static boolean keyType(DataType type) {
    return type instanceof StringType || isWhole(type) || type instanceof BooleanType
        || isTime(type) || type instanceof org.apache.spark.sql.types.DecimalType d
            && d.scale() == 0;
  }

  private static boolean isWhole(DataType type) {
    return type instanceof org.apache.spark.sql.types.ByteType
        || type instanceof org.apache.spark.sql.types.ShortType
        || type instanceof org.apache.spark.sql.types.IntegerType
        || type instanceof org.apache.spark.sql.types.LongType;
  }

  static boolean isTime(DataType type) {
    return type instanceof TimestampType || type instanceof DateType;
  }
}
