package io.lakeml.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lakeml.registry.ModelInfo;
import io.lakeml.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Baseline bucketings applied by CurrentCounts: the bucket rules and the one-query promise. */
@ExtendWith(SparkTest.class)
class DriftBucketsTest {
  private static Dataset<Row> data(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    Object[][] values = {{1.0, "a", 0.05}, {10.0, "a", 0.1}, {10.5, "b", 0.95}, {25.0, "z", 0.5},
        {null, null, 0.999}, {-3.0, "b", 0.0}};
    for (Object[] v : values) {
      rows.add(RowFactory.create(v[0], v[1], v[2], (Double) v[2] * 100));
    }
    return spark.createDataFrame(rows,
        StructType.fromDDL("x DOUBLE, `odd name` STRING, score DOUBLE, prediction DOUBLE"));
  }

  @Test
  void theProfilesFiftyBinsAreMergedIntoTenForPsi() {
    SparkSession spark = SparkTest.spark();
    List<Double> edges = new java.util.ArrayList<>();
    for (int e = 1; e <= 49; e++) {
      edges.add((double) e);
    }
    Buckets merged = Baseline.numeric("x", edges, java.util.Collections.nCopies(50, 2L), 3);
    Map<String, Long> expected = new java.util.LinkedHashMap<>();
    for (int j = 0; j < 10; j++) {
      expected.put(String.valueOf(j), 10L);
    }
    expected.put(Buckets.NULL, 3L);
    assertEquals(expected, merged.expected(), "five fine bins per coarse bin, nulls apart");
    // Fine bin i = edges below the value; coarse = i / 5: 4.5 -> 4 -> 0, 5.5 -> 5 -> 1,
    // 5.0 -> 4 (the edge itself is not below) -> 0, 60 -> 49 -> 9.
    List<String> buckets = spark.createDataFrame(List.of(RowFactory.create(4.5),
            RowFactory.create(5.5), RowFactory.create(5.0), RowFactory.create(60.0)),
        StructType.fromDDL("x DOUBLE")).select(merged.bucket()).as(
            org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(List.of("0", "1", "0", "9"), buckets);
  }

  @Test
  void everyCheckIsCountedInOneQuery() throws Exception {
    SparkSession spark = SparkTest.spark();
    Buckets numeric = Baseline.numeric("x", List.of(1.0, 10.0, 20.0), List.of(1L, 1L, 1L, 1L), 0);
    Buckets categorical = Baseline.categorical("odd name",
        List.of(RowFactory.create("a", 5L), RowFactory.create("b", 3L)), 10, 1);
    ModelInfo binary = model("binary");
    Buckets prediction = Baseline.prediction(dist(10, null), binary).orElseThrow();
    ModelInfo regression = model("regression");
    Buckets values = Baseline.prediction(dist(3, List.of(5.0, 50.0, 100.0)), regression)
        .orElseThrow();

    AtomicInteger queries = new AtomicInteger();
    QueryExecutionListener listener = new QueryExecutionListener() {
      @Override
      public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
        queries.incrementAndGet();
      }

      @Override
      public void onFailure(String funcName, QueryExecution qe, Exception exception) {
        queries.incrementAndGet();
      }
    };
    Dataset<Row> data = data(spark);
    spark.listenerManager().register(listener);
    CurrentCounts.Counts counts;
    try {
      counts = CurrentCounts.compute(data, List.of(numeric, categorical, prediction, values));
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.listenerManager().unregister(listener);
    }
    assertEquals(1, queries.get(), "one Spark query for all checks");
    assertEquals(6, counts.rows());
    // Bin i holds values with i edges strictly below: 1.0 and -3.0 in 0, 10.0 in 1 (edge
    // included below), 10.5 in 2, 25.0 in 3.
    assertEquals(Map.of("0", 2L, "1", 1L, "2", 1L, "3", 1L, Buckets.NULL, 1L),
        counts.perCheck().get(0));
    assertEquals(Map.of("a", 2L, "b", 2L, Buckets.OTHER, 1L, Buckets.NULL, 1L),
        counts.perCheck().get(1));
    // P(positive) in [0.1 b, 0.1 (b + 1)); 0.999 in the last bin.
    assertEquals(Map.of("0", 2L, "1", 1L, "5", 1L, "9", 2L), counts.perCheck().get(2));
    // Regression bins from the upper edges 5 and 50: (.., 5], (5, 50], (50, ..).
    assertEquals(Map.of("0", 2L, "1", 2L, "2", 2L), counts.perCheck().get(3));
    for (int i = 0; i < 4; i++) {
      List<Buckets> all = List.of(numeric, categorical, prediction, values);
      assertEquals(true, all.get(i).expected().keySet()
          .containsAll(counts.perCheck().get(i).keySet()), "every bucket is in the baseline");
    }
    assertEquals(List.of("a", "b", Buckets.OTHER, Buckets.NULL),
        List.copyOf(categorical.expected().keySet()));
    assertEquals(1L, categorical.expected().get(Buckets.OTHER), "10 rows - 1 null - 8 listed");
  }

  private static ModelInfo model(String task) {
    return new ModelInfo(ModelInfo.FORMAT, "m", "r1", task, "y",
        task.equals("binary") ? List.of("0", "1") : List.of(), "rmse", Map.of(), null, null,
        List.of(), null, null, null);
  }

  /** prediction_dist rows: n bins of 10 rows, regression with these upper edges (y). */
  private static List<Row> dist(int n, List<Double> upper) {
    StructType schema = io.lakeml.evaluate.EvaluationTable.SCHEMA;
    List<Row> rows = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      Double y = upper == null ? (b + 1) / 10.0 : upper.get(b);
      rows.add(new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(new Object[] {
          "r1", "c1", "gbt", 1, true, "prediction_dist", b, "bin" + b, null, null, null, y,
          0.1, 10L}, schema));
    }
    return rows;
  }
}
