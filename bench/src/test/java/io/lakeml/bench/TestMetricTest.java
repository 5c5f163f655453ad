package io.lakeml.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.Task;
import io.lakeml.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class TestMetricTest {

  private static Dataset<Row> frame(DataType type, Object[] labels, Object[] predicted,
      double[] scores) {
    StructType schema = new StructType().add(TestPredictions.LABEL, type)
        .add(TestPredictions.PREDICTED, type).add(TestPredictions.SCORE, DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      rows.add(RowFactory.create(labels[i], predicted[i], scores == null ? 0.0 : scores[i]));
    }
    return SparkTest.spark().createDataFrame(rows, schema);
  }

  @Test
  void binaryAreaUnderRocRanksByThePositiveClassScore() {
    // Pairs (positive, negative) ranked right: (0.9, 0.8), (0.9, 0.1), (0.7, 0.1); wrong:
    // (0.7, 0.8). AUC = 3/4 with "yes" positive; the same scores read for "no" give 1/4.
    Dataset<Row> p = frame(DataTypes.StringType, new Object[] {"yes", "no", "yes", "no"},
        new Object[] {"yes", "yes", "yes", "no"}, new double[] {0.9, 0.8, 0.7, 0.1});
    assertEquals(0.75, TestMetric.compute(p, Task.BINARY, "yes"), 1e-9);
    assertEquals(0.25, TestMetric.compute(p, Task.BINARY, "no"), 1e-9);
  }

  @Test
  void multiclassF1IsTheClassWeightedF1() {
    // a: precision 1/2, recall 1/2 -> F1 0.5 (2 rows); b: precision 2/3, recall 1 -> 0.8 (2 rows);
    // c: never predicted -> 0 (1 row). Weighted: (2 x 0.5 + 2 x 0.8 + 0) / 5 = 0.52.
    Dataset<Row> p = frame(DataTypes.StringType, new Object[] {"a", "a", "b", "b", "c"},
        new Object[] {"a", "b", "b", "b", "a"}, null);
    assertEquals(0.52, TestMetric.compute(p, Task.MULTICLASS, null), 1e-9);
  }

  @Test
  void multiclassF1CountsAPredictedClassTheLabelsLack() {
    // Two of four right, the other two predicted as a class no test row has: F1 of a = 2/3
    // (precision 1, recall 1/2) and of b = 2/3, weights 1/2 each.
    Dataset<Row> p = frame(DataTypes.StringType, new Object[] {"a", "a", "b", "b"},
        new Object[] {"a", "z", "b", "z"}, null);
    assertEquals(2.0 / 3.0, TestMetric.compute(p, Task.MULTICLASS, null), 1e-9);
  }

  @Test
  void regressionRmse() {
    Dataset<Row> p = frame(DataTypes.DoubleType, new Object[] {1.0, 2.0, 3.0},
        new Object[] {1.0, 2.0, 5.0}, null);
    assertEquals(Math.sqrt(4.0 / 3.0), TestMetric.compute(p, Task.REGRESSION, null), 1e-9);
  }

  @Test
  void theManifestsMetricMustBeLakemlsDefaultForTheTask() {
    assertEquals("areaUnderROC", TestMetric.of(dataset(Task.BINARY, "areaUnderROC")).id());
    assertEquals("f1", TestMetric.of(dataset(Task.MULTICLASS, "f1")).id());
    assertEquals("rmse", TestMetric.of(dataset(Task.REGRESSION, "rmse")).id());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TestMetric.of(dataset(Task.BINARY, "accuracy")));
    assertTrue(e.getMessage().contains("areaUnderROC"), e.getMessage());
  }

  private static BenchDataset dataset(Task task, String metric) {
    return new BenchDataset("d", task, "y", task == Task.BINARY ? "yes" : null, metric, 4, 3, 1,
        1, 0, "pkg::d", "MIT", Path.of("d"));
  }
}
