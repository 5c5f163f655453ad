package io.lakeml.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_micros;

import io.lakeml.config.LakemlException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The as-of join of label events to one feature table, distributed: label rows and feature rows
 * are unioned, partitioned by entity key and sorted by time (at equal times feature rows first),
 * and each label row takes the last feature row before it: the latest values at or before its
 * event time, never after. A feature table whose event time is a date (a daily value) counts its
 * values as known at the end of that day (the next midnight), so a label during the day never
 * sees that day's value. With a max age, values older than that (from when they became known) are
 * null instead. Label rows are kept as they are (duplicates included), with the chosen features
 * added as columns.
 */
public final class PointInTimeJoin {
  private static final String KEY = "__pit_key_";
  private static final String TIME = "__pit_time";
  private static final String SIDE = "__pit_side";
  private static final String VALUES = "__pit_values";
  private static final String FEATURE_TIME = "__pit_feature_time";

  private PointInTimeJoin() {}

  /**
   * labels: has the table's entity key columns and labelTime (a timestamp or date column);
   * stored: the feature table's rows (one version); features: the columns to add.
   */
  public static Dataset<Row> join(Dataset<Row> labels, String labelTime, String labelsName,
      FeatureTable table, Dataset<Row> stored, List<String> features, Optional<Duration> maxAge) {
    List<Column> labelKeys = new ArrayList<>();
    List<Column> featureKeys = new ArrayList<>();
    for (int i = 0; i < table.entityKeys().size(); i++) {
      String k = table.entityKeys().get(i);
      DataType lt = type(labels, k, labelsName, "entity key of feature table " + table.name()
          + " (" + table.key() + ".entity-keys)");
      DataType ft = stored.schema().apply(k).dataType();
      DataType common = FeatureTypes.commonKeyType(lt, ft);
      if (common == null) {
        throw new LakemlException("Entity key " + k + " is " + lt.simpleString() + " in "
            + labelsName + " but " + ft.simpleString() + " in feature table " + table.name()
            + " (" + table.key() + ".entity-keys): the types must match (or both be whole "
            + "numbers)");
      }
      labelKeys.add(col(SourceConformer.quoted(k)).cast(common).as(KEY + i));
      featureKeys.add(col(SourceConformer.quoted(k)).cast(common).as(KEY + i));
    }
    DataType timeType = type(labels, labelTime, labelsName, "event time");
    if (!FeatureTypes.isTime(timeType)) {
      throw new LakemlException("Event time column " + labelTime + " of " + labelsName + " has "
          + "type " + timeType.simpleString() + " (expected a timestamp or date)");
    }
    List<Column> values = new ArrayList<>();
    for (String f : features) {
      values.add(col(SourceConformer.quoted(f)));
    }
    Column known = knownAt(stored.schema().apply(table.eventTime()).dataType(),
        col(SourceConformer.quoted(table.eventTime())));
    values.add(known.as(FEATURE_TIME));
    Column time = col(SourceConformer.quoted(labelTime)).cast(DataTypes.TimestampType);

    List<Column> labelSide = new ArrayList<>(labelKeys);
    labelSide.add(time.as(TIME));
    labelSide.add(lit(1).as(SIDE));
    labelSide.add(struct(col("*")).as("__pit_label"));
    List<Column> featureSide = new ArrayList<>(featureKeys);
    featureSide.add(known.as(TIME));
    featureSide.add(lit(0).as(SIDE));
    featureSide.add(struct(values.toArray(Column[]::new)).as(VALUES));

    Column[] partition = new Column[labelKeys.size()];
    for (int i = 0; i < partition.length; i++) {
      partition[i] = col(KEY + i);
    }
    WindowSpec before = Window.partitionBy(partition).orderBy(col(TIME), col(SIDE))
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> joined = labels.select(labelSide.toArray(Column[]::new))
        .unionByName(stored.select(featureSide.toArray(Column[]::new)), true)
        .withColumn(VALUES, last(col(VALUES), true).over(before))
        .where(col(SIDE).equalTo(1));

    Column fresh = lit(true);
    if (maxAge.isPresent()) {
      long micros = Math.multiplyExact(maxAge.get().getSeconds(), 1_000_000L)
          + maxAge.get().getNano() / 1000;
      fresh = unix_micros(col(VALUES + "." + FEATURE_TIME))
          .geq(unix_micros(col(TIME)).minus(micros));
    }
    List<Column> out = new ArrayList<>();
    for (String c : labels.columns()) {
      out.add(col("__pit_label." + SourceConformer.quoted(c)).as(c));
    }
    for (String f : features) {
      Column value = col(VALUES + "." + SourceConformer.quoted(f));
      out.add((maxAge.isPresent() ? org.apache.spark.sql.functions.when(fresh, value) : value)
          .as(f, stored.schema().apply(f).metadata()));
    }
    return joined.select(out.toArray(Column[]::new));
  }

  /** When a stored row's values became known: its time, or the end of its day for dates. */
  static Column knownAt(DataType eventTimeType, Column eventTime) {
    return eventTimeType instanceof org.apache.spark.sql.types.DateType
        ? org.apache.spark.sql.functions.date_add(eventTime, 1).cast(DataTypes.TimestampType)
        : eventTime.cast(DataTypes.TimestampType);
  }

  private static DataType type(Dataset<Row> labels, String column, String labelsName,
      String role) {
    for (org.apache.spark.sql.types.StructField f : labels.schema().fields()) {
      if (f.name().equals(column)) {
        return f.dataType();
      }
    }
    throw new LakemlException(labelsName + " has no column " + column + " (the " + role
        + "); its columns: " + List.of(labels.columns()));
  }
}
