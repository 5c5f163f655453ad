package io.lakeml.intake;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.stddev;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Every column's statistics in one Spark job: one aggregate whose expressions cover all columns
 * (counts, approximate distinct counts, min/max/mean/stddev, approximate quantiles and bin edges,
 * string lengths and word counts).
 */
final class ProfileStats {
  static final double[] QUANTILES = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
  /** Edges of up to 50 equal-frequency bins (histograms, leakage scores, later drift). */
  static final double[] BIN_PROBS = new double[49];

  static {
    for (int i = 0; i < BIN_PROBS.length; i++) {
      BIN_PROBS[i] = (i + 1) / 50.0;
    }
  }

  private ProfileStats() {}

  static boolean isNumeric(DataType t) {
    return t instanceof NumericType;
  }

  static boolean isDatetime(DataType t) {
    return t instanceof DateType || t instanceof TimestampType || t instanceof TimestampNTZType;
  }

  static boolean isFractional(DataType t) {
    return t instanceof DoubleType || t instanceof FloatType || t instanceof DecimalType;
  }

  static boolean isProfiled(DataType t) {
    return isNumeric(t) || isDatetime(t) || t instanceof StringType || t instanceof BooleanType;
  }

  /** Rows and stats by column name. Nothing here looks at the label's values (the leakage
   * scores, which do, are computed on training rows only). */
  static Map<String, ColumnStats> compute(Dataset<Row> data) {
    List<Column> exprs = new ArrayList<>();
    exprs.add(count(lit(1)).alias("rows"));
    StructField[] fields = data.schema().fields();
    for (int i = 0; i < fields.length; i++) {
      Column c = col(fields[i].name());
      DataType t = fields[i].dataType();
      String p = "c" + i + "_";
      // For fractional numbers NaN counts as missing, as the imputer treats it.
      exprs.add((isFractional(t)
          ? count(when(c.isNotNull().and(not(isnan(c.cast("double")))), 1)) : count(c))
          .alias(p + "n"));
      if (!isProfiled(t)) {
        continue;
      }
      // HyperLogLog at its default 5% relative error: tighter sketches cost far more on wide
      // tables (1%: 40x slower on 60 columns); identifier-distinct-share leaves room for it.
      exprs.add(approx_count_distinct(c).alias(p + "d"));
      if (isNumeric(t)) {
        Column d = c.cast("double");
        exprs.add(min(d).alias(p + "min"));
        exprs.add(max(d).alias(p + "max"));
        exprs.add(avg(d).alias(p + "mean"));
        exprs.add(stddev(d).alias(p + "sd"));
        exprs.add(percentile_approx(d, lit(QUANTILES), lit(10_000)).alias(p + "q"));
        exprs.add(percentile_approx(d, lit(BIN_PROBS), lit(10_000)).alias(p + "bins"));
        // d % 1, not a cast to long: under ANSI mode that cast throws on NaN and infinities.
        exprs.add((isFractional(t) ? count(when(not(isnan(d)).and(d.mod(1).notEqual(0)), 1))
            : lit(0L))
            .alias(p + "frac"));
      } else if (isDatetime(t)) {
        exprs.add(min(c).cast("string").alias(p + "min"));
        exprs.add(max(c).cast("string").alias(p + "max"));
      } else if (t instanceof StringType) {
        exprs.add(avg(length(c)).alias(p + "len"));
        exprs.add(avg(size(split(trim(c), "\\s+"))).alias(p + "words"));
      }
    }
    Row r = data.agg(exprs.get(0), exprs.subList(1, exprs.size()).toArray(Column[]::new)).head();
    long rows = r.getLong(r.fieldIndex("rows"));
    Map<String, ColumnStats> out = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i++) {
      out.put(fields[i].name(), read(r, "c" + i + "_", fields[i], rows));
    }
    return out;
  }

  private static ColumnStats read(Row r, String p, StructField f, long rows) {
    DataType t = f.dataType();
    long nonNull = r.getLong(r.fieldIndex(p + "n"));
    if (!isProfiled(t)) {
      return new ColumnStats(f.name(), t.simpleString(), rows, nonNull, -1, null, null, null,
          null, null, Map.of(), List.of(), null, null);
    }
    long distinct = r.getLong(r.fieldIndex(p + "d"));
    if (isNumeric(t)) {
      Map<String, Double> q = new LinkedHashMap<>();
      List<Double> qs = nonNull == 0 ? List.of() : r.getList(r.fieldIndex(p + "q"));
      for (int k = 0; k < qs.size(); k++) {
        q.put("p" + Math.round(QUANTILES[k] * 100), qs.get(k));
      }
      List<Double> rawEdges = nonNull == 0 ? List.of() : r.getList(r.fieldIndex(p + "bins"));
      return new ColumnStats(f.name(), t.simpleString(), rows, nonNull, distinct,
          str(r.get(r.fieldIndex(p + "min"))), str(r.get(r.fieldIndex(p + "max"))),
          dbl(r, p + "mean"), dbl(r, p + "sd"), r.getLong(r.fieldIndex(p + "frac")) == 0, q,
          finiteSorted(rawEdges), null, null);
    }
    if (isDatetime(t)) {
      return new ColumnStats(f.name(), t.simpleString(), rows, nonNull, distinct,
          (String) r.get(r.fieldIndex(p + "min")), (String) r.get(r.fieldIndex(p + "max")), null,
          null, null, Map.of(), List.of(), null, null);
    }
    boolean string = t instanceof StringType;
    return new ColumnStats(f.name(), t.simpleString(), rows, nonNull, distinct, null, null, null,
        null, null, Map.of(), List.of(), string ? dbl(r, p + "len") : null,
        string ? dbl(r, p + "words") : null);
  }

  /** Distinct finite edges in order (infinities would not survive as SQL literals). */
  private static List<Double> finiteSorted(List<Double> edges) {
    TreeSet<Double> out = new TreeSet<>();
    for (Double e : edges) {
      if (e != null && Double.isFinite(e)) {
        out.add(e);
      }
    }
    return new ArrayList<>(out);
  }

  private static Double dbl(Row r, String name) {
    Object v = r.get(r.fieldIndex(name));
    return v == null ? null : ((Number) v).doubleValue();
  }

  private static String str(Object v) {
    if (v == null) {
      return null;
    }
    double d = ((Number) v).doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
