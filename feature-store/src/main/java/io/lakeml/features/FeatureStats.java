package io.lakeml.features;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.mean;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.stddev;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;

/**
 * Statistics of every feature of one feature table version, in two Spark jobs whatever the number
 * of features: counts, moments and quantiles, then bucket counts (numbers and times: bins between
 * fixed edges; strings and booleans: their most frequent values). Bin edges are the deciles of the
 * first version profiled and then kept (frozen), so histograms of any two versions compare bucket
 * by bucket, e.g. for drift (PSI).
 */
final class FeatureStats {
  static final int TOP_VALUES = 20;
  static final String NULL = "__null__";
  private static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

  private FeatureStats() {}

  /** frozenEdges: feature -> edges from the first version's stats (absent: computed here). */
  static List<FeatureStat> compute(FeatureTable table, Dataset<Row> rows,
      Map<String, double[]> frozenEdges) {
    List<FeatureDef> features = table.features().stream()
        .filter(f -> List.of(rows.columns()).contains(f.name())).toList();
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)));
    for (FeatureDef f : features) {
      Column v = col(SourceConformer.quoted(f.name()));
      aggs.add(count(v));
      aggs.add(approx_count_distinct(v));
      if (binned(f.type())) {
        Column x = asDouble(v, f.type());
        aggs.add(mean(x));
        aggs.add(stddev(x));
        aggs.add(min(x));
        aggs.add(max(x));
        aggs.add(percentile_approx(x, lit(DECILES), lit(1000)));
      }
    }
    Row m = rows.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).head();
    long total = m.getLong(0);
    Map<String, double[]> edges = new LinkedHashMap<>();
    List<Column> buckets = new ArrayList<>();
    int at = 1;
    List<Object[]> partial = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      FeatureDef f = features.get(i);
      long nonNull = m.getLong(at);
      long distinct = m.getLong(at + 1);
      at += 2;
      Double mu = null;
      Double sd = null;
      Double lo = null;
      Double hi = null;
      Column v = col(SourceConformer.quoted(f.name()));
      Column bucket;
      if (binned(f.type())) {
        mu = m.isNullAt(at) ? null : m.getDouble(at);
        sd = m.isNullAt(at + 1) ? null : m.getDouble(at + 1);
        lo = m.isNullAt(at + 2) ? null : m.getDouble(at + 2);
        hi = m.isNullAt(at + 3) ? null : m.getDouble(at + 3);
        double[] e = frozenEdges.containsKey(f.name()) ? frozenEdges.get(f.name())
            : distinctEdges(m.isNullAt(at + 4) ? List.of() : m.getList(at + 4));
        at += 5;
        edges.put(f.name(), e);
        Column index = lit(0);
        for (double edge : e) {
          index = index.plus(when(asDouble(v, f.type()).gt(edge), 1).otherwise(0));
        }
        bucket = index.cast(DataTypes.StringType);
      } else {
        bucket = v.cast(DataTypes.StringType);
      }
      buckets.add(struct(lit(i).as("i"), when(v.isNull(), lit(NULL)).otherwise(bucket).as("b")));
      partial.add(new Object[] {f, nonNull, distinct, mu, sd, lo, hi});
    }
    Map<Integer, Map<String, Long>> counted = countBuckets(rows, buckets);
    List<FeatureStat> out = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      Object[] p = partial.get(i);
      FeatureDef f = (FeatureDef) p[0];
      Map<String, Long> c = counted.getOrDefault(i, Map.of());
      out.add(FeatureStat.of(f, total, (long) p[1], (long) p[2], (Double) p[3], (Double) p[4],
          (Double) p[5], (Double) p[6], edges.get(f.name()), c));
    }
    return out;
  }

  /** Per feature index, bucket -> rows (numeric: every bin; others: the top values and null). */
  private static Map<Integer, Map<String, Long>> countBuckets(Dataset<Row> rows,
      List<Column> buckets) {
    Map<Integer, Map<String, Long>> out = new LinkedHashMap<>();
    if (buckets.isEmpty()) {
      return out;
    }
    List<Row> top = rows.select(explode(array(buckets.toArray(Column[]::new))).as("p"))
        .groupBy(col("p.i").as("i"), col("p.b").as("b")).agg(count(lit(1)).as("n"))
        .withColumn("r", row_number().over(Window.partitionBy("i")
            .orderBy(when(col("b").equalTo(NULL), 0).otherwise(1), col("n").desc(),
                col("b"))))
        .where(col("r").leq(TOP_VALUES + 1))
        .collectAsList();
    for (Row r : top) {
      out.computeIfAbsent(r.getInt(0), k -> new LinkedHashMap<>()).put(r.getString(1),
          r.getLong(2));
    }
    return out;
  }

  static boolean binned(DataType type) {
    return type instanceof NumericType || FeatureTypes.isTime(type);
  }

  /** Numbers as doubles; dates and timestamps as seconds since the epoch. */
  private static Column asDouble(Column v, DataType type) {
    return FeatureTypes.isTime(type)
        ? v.cast(DataTypes.TimestampType).cast(DataTypes.LongType).cast(DataTypes.DoubleType)
        : v.cast(DataTypes.DoubleType);
  }

  private static double[] distinctEdges(List<Object> quantiles) {
    return quantiles.stream().mapToDouble(q -> ((Number) q).doubleValue()).distinct().sorted()
        .toArray();
  }
}
