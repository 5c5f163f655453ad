package io.lakeml.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.cos;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A synthetic binary-classification table for the scale curve: deterministic for a (rows, seed)
 * whatever the partitioning, since every value is a hash of the row id and the seed. Columns:
 * 8 numeric (one a noisy copy of another), a log-normal amount, 3 categoricals (5, 30 and 1000
 * levels), nulls in 3 of them, and a label "yes"/"no" drawn from a logistic model with a linear
 * part, an interaction, a category effect and a log term, so trees and linear models both learn
 * something and neither is perfect.
 */
public final class SyntheticTable {
  private SyntheticTable() {}

  /** The table of that many rows. */
  public static Dataset<Row> generate(SparkSession spark, long rows, long seed, int partitions) {
    Dataset<Row> ids = spark.range(0, rows, 1, partitions).toDF("row_id");
    Column x1 = normal(seed, 1);
    Column x2 = normal(seed, 2);
    Column x3 = normal(seed, 3);
    Column x4 = normal(seed, 4);
    Column amount = exp(normal(seed, 5).multiply(0.75).plus(3));
    Column c1 = floor(uniform(seed, 6).multiply(5));
    Column c2 = floor(uniform(seed, 7).multiply(30));
    Column c3 = floor(uniform(seed, 8).multiply(uniform(seed, 9)).multiply(1000));
    Column c1Effect = when(c1.equalTo(0), 0.8).when(c1.equalTo(1), -0.5).otherwise(0.0);
    Column logit = x1.multiply(0.9).minus(x2.multiply(0.6)).plus(x3.multiply(x4).multiply(0.5))
        .plus(c1Effect).plus(log(amount).minus(3).multiply(0.4))
        .plus(when(c2.lt(3), 0.7).otherwise(0.0)).minus(0.3);
    Column p = lit(1.0).divide(lit(1.0).plus(exp(logit.multiply(-1))));
    return ids.select(col("row_id"),
        when(uniform(seed, 20).lt(0.05), null).otherwise(x1).as("x1"),
        x2.as("x2"), x3.as("x3"), x4.as("x4"),
        normal(seed, 10).as("x5"), normal(seed, 11).as("x6"), normal(seed, 12).as("x7"),
        x1.multiply(0.8).plus(normal(seed, 13).multiply(0.6)).as("x8"),
        when(uniform(seed, 21).lt(0.10), null).otherwise(amount).as("amount"),
        when(uniform(seed, 22).lt(0.03), null)
            .otherwise(concat(lit("k"), c1.cast("int").cast("string"))).as("c1"),
        concat(lit("g"), c2.cast("int").cast("string")).as("c2"),
        concat(lit("z"), c3.cast("int").cast("string")).as("c3"),
        when(uniform(seed, 30).lt(p), "yes").otherwise("no").as("label"));
  }

  /** Uniform in [0, 1) from the row id, the seed and a stream number. */
  static Column uniform(long seed, int stream) {
    Column h = xxhash64(col("row_id"), lit(seed), lit(stream));
    // The low 53 bits of the hash, as a fraction.
    return h.bitwiseAND(lit((1L << 53) - 1)).cast("double").divide((double) (1L << 53));
  }

  /** Standard normal (Box-Muller) from two uniform streams. */
  static Column normal(long seed, int stream) {
    Column u1 = lit(1.0).minus(uniform(seed, 100 + stream));
    Column u2 = uniform(seed, 200 + stream);
    return sqrt(log(u1).multiply(-2)).multiply(cos(u2.multiply(2 * Math.PI)));
  }

  /** Writes the table as a Delta table: {@code SyntheticTable <rows> <seed> <path>}. */
  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: SyntheticTable <rows> <seed> <delta path>");
      System.exit(2);
    }
    long rows = Long.parseLong(args[0]);
    SparkSession spark = SparkSession.builder().appName("lakeml-bench-synthetic").getOrCreate();
    int partitions = (int) Math.max(spark.sparkContext().defaultParallelism(), rows / 500_000);
    generate(spark, rows, Long.parseLong(args[1]), partitions).write().format("delta")
        .mode("overwrite").save(args[2]);
    spark.stop();
  }
}
