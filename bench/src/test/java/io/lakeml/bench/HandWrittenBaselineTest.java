package io.lakeml.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.Task;
import io.lakeml.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The baseline end to end on small seeded data, with one-point grids to stay fast. */
@ExtendWith(SparkTest.class)
class HandWrittenBaselineTest {
  private static final BaselineGrid TINY = new BaselineGrid(List.of(5), List.of(3), List.of(3),
      List.of(2));
  private static final StructType SCHEMA = new StructType().add("x", DataTypes.DoubleType)
      .add("colour", DataTypes.StringType).add("y", DataTypes.StringType);

  /** y is decided by x's third and, for "mid" rows, by the colour; some x and colours null. */
  private static Dataset<Row> data(int n, long seed, List<String> classes) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double x = r.nextDouble() * 3;
      String colour = r.nextBoolean() ? "red" : "blue";
      int k = x < 1 ? 0 : x < 2 ? (colour.equals("red") ? 1 : 0) : classes.size() - 1;
      rows.add(RowFactory.create(i % 17 == 0 ? null : x, i % 13 == 0 ? null : colour,
          classes.get(k)));
    }
    return SparkTest.spark().createDataFrame(rows, SCHEMA);
  }

  @Test
  void multiclassCrossValidatesForestAndOneVsRestGbtAndPredictsClassNames(@TempDir Path dir) {
    List<String> classes = List.of("low", "mid", "high");
    HandWrittenBaseline.Fitted fitted = new HandWrittenBaseline(SparkTest.spark(), TINY)
        .fit(data(120, 1, classes), Task.MULTICLASS, "y", dir.resolve("model"),
            System.nanoTime());
    assertEquals(List.of("random_forest", "gbt_one_vs_rest"),
        fitted.families().stream().map(HandWrittenBaseline.FamilyResult::family).toList());
    assertEquals(List.of("high", "low", "mid"), fitted.classes());
    assertTrue(fitted.families().stream().allMatch(f -> f.cvMetric() > 0.5
        && f.bestParams().contains("maxDepth=")), fitted.families().toString());
    assertTrue(Files.isDirectory(dir.resolve("model").resolve("stages")));
    Dataset<Row> predictions = HandWrittenBaseline.predictions(fitted, data(60, 2, classes),
        Task.MULTICLASS, "y", null);
    double f1 = TestMetric.compute(predictions, Task.MULTICLASS, null);
    assertTrue(f1 > 0.7, "test f1 " + f1);
    // The saved model is the whole pipeline: it loads and predicts the same classes.
    PipelineModel reloaded = PipelineModel.load(dir.resolve("model").toString());
    assertEquals(
        fitted.model().transform(data(20, 3, classes)).select("predicted_label").collectAsList(),
        reloaded.transform(data(20, 3, classes)).select("predicted_label").collectAsList());
  }

  @Test
  void binaryScoresThePositiveClass(@TempDir Path dir) {
    // "yes" sorts last, so it is index 1 of the label; "a_no" first.
    List<String> classes = List.of("a_no", "yes");
    HandWrittenBaseline.Fitted fitted = new HandWrittenBaseline(SparkTest.spark(), TINY)
        .fit(data(120, 4, classes), Task.BINARY, "y", dir.resolve("model"), System.nanoTime());
    Dataset<Row> test = data(60, 5, classes);
    double auc = TestMetric.compute(HandWrittenBaseline.predictions(fitted, test, Task.BINARY,
        "y", "yes"), Task.BINARY, "yes");
    double flipped = TestMetric.compute(HandWrittenBaseline.predictions(fitted, test,
        Task.BINARY, "y", "a_no"), Task.BINARY, "a_no");
    assertTrue(auc > 0.85, "AUC " + auc);
    // P(a_no) ranks a_no rows as well as P(yes) ranks yes rows: the same area.
    assertEquals(auc, flipped, 1e-9);
    assertTrue(fitted.seconds() > 0);
  }
}
