package io.lakeml.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.testing.SparkTest;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class SyntheticTableTest {
  @Test
  void theSameRowsWhateverThePartitioningAndOtherRowsForAnotherSeed() {
    List<Row> one = SyntheticTable.generate(SparkTest.spark(), 3000, 7, 1).orderBy("row_id")
        .collectAsList();
    List<Row> three = SyntheticTable.generate(SparkTest.spark(), 3000, 7, 3).orderBy("row_id")
        .collectAsList();
    assertEquals(one, three);
    assertNotEquals(one, SyntheticTable.generate(SparkTest.spark(), 3000, 8, 1)
        .orderBy("row_id").collectAsList());
  }

  @Test
  void nullsCategoriesAndALearnableLabel() {
    Dataset<Row> t = SyntheticTable.generate(SparkTest.spark(), 20_000, 7, 2).cache();
    try {
      Row r = t.selectExpr("avg(CASE WHEN x1 IS NULL THEN 1 ELSE 0 END)",
          "avg(CASE WHEN amount IS NULL THEN 1 ELSE 0 END)",
          "avg(CASE WHEN c1 IS NULL THEN 1 ELSE 0 END)", "count(DISTINCT c1)",
          "count(DISTINCT c2)", "count(DISTINCT c3)", "avg(CASE WHEN label = 'yes' THEN 1 ELSE 0 END)",
          "avg(x5)", "stddev(x5)", "corr(x1, x8)",
          "avg(CASE WHEN label = 'yes' THEN x1 END) - avg(CASE WHEN label = 'no' THEN x1 END)")
          .head();
      assertEquals(0.05, r.getDouble(0), 0.01);
      assertEquals(0.10, r.getDouble(1), 0.01);
      assertEquals(0.03, r.getDouble(2), 0.01);
      assertEquals(5, r.getLong(3));
      assertEquals(30, r.getLong(4));
      assertTrue(r.getLong(5) > 500, "c3 is high-cardinality: " + r.getLong(5));
      assertTrue(r.getDouble(6) > 0.3 && r.getDouble(6) < 0.7, "yes rate " + r.getDouble(6));
      assertEquals(0.0, r.getDouble(7), 0.03, "x5 ~ N(0, 1)");
      assertEquals(1.0, r.getDouble(8), 0.03, "x5 ~ N(0, 1)");
      assertEquals(0.8, r.getDouble(9), 0.03, "x8 is a noisy copy of x1");
      assertTrue(r.getDouble(10) > 0.5, "x1 separates the classes: " + r.getDouble(10));
    } finally {
      t.unpersist();
    }
  }
}
