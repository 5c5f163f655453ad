package io.lakeml.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.EvaluateSettings.ThresholdObjective;
import io.lakeml.evaluate.EvaluationTable.Point;
import io.lakeml.intake.LabelInfo;
import io.lakeml.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class BinaryCurvesTest {
  private static final StructType SCORED = new StructType()
      .add(LabelInfo.INDEXED, DataTypes.DoubleType)
      .add("probability", new VectorUDT()).add("rawPrediction", new VectorUDT());

  private static Dataset<Row> scored(double[] labels, double[] p) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      rows.add(RowFactory.create(labels[i], Vectors.dense(1 - p[i], p[i]),
          Vectors.dense(-p[i], p[i])));
    }
    return SparkTest.spark().createDataFrame(rows, SCORED);
  }

  private static List<Point> section(List<Point> points, String name) {
    return points.stream().filter(p -> p.section().equals(name)).toList();
  }

  @Test
  void rocAreaMatchesSparkAndCalibrationIsPerBin() {
    Random r = new Random(4);
    int n = 2000;
    double[] y = new double[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = r.nextDouble();
      y[i] = r.nextDouble() < p[i] ? 1 : 0;  // calibrated by construction
    }
    Dataset<Row> data = scored(y, p);
    List<Point> points = BinaryCurves.points(data, ThresholdObjective.F1);
    List<Point> roc = section(points, "roc");
    double auc = 0;
    for (int i = 1; i < roc.size(); i++) {
      auc += (roc.get(i).x() - roc.get(i - 1).x()) * (roc.get(i).y() + roc.get(i - 1).y()) / 2;
    }
    double spark = new BinaryClassificationEvaluator().setLabelCol(LabelInfo.INDEXED)
        .setRawPredictionCol("probability").evaluate(data);
    assertEquals(spark, auc, 0.002, "trapezoid over 1000 bins vs Spark's exact AUC");
    assertEquals(1.0, roc.get(roc.size() - 1).x(), 1e-12);
    assertEquals(1.0, roc.get(roc.size() - 1).y(), 1e-12);

    List<Point> calibration = section(points, "calibration");
    assertEquals(10, calibration.size());
    for (Point bin : calibration) {
      assertEquals(bin.x(), bin.y(), 0.1, "calibrated data: observed rate near predicted, "
          + bin);
    }
    List<Point> dist = section(points, "prediction_dist");
    assertEquals(n, dist.stream().mapToLong(Point::count).sum());
    assertEquals(1.0, dist.stream().mapToDouble(Point::value).sum(), 1e-9);
  }

  @Test
  void thresholdMaximisesTheObjective() {
    // Positives score 0.7..0.9, negatives 0.1..0.3 except one at 0.8: F1 is best at 0.7
    // (4 TP, 1 FP), youden too.
    double[] y = {1, 1, 1, 1, 0, 0, 0, 0, 0};
    double[] p = {0.7, 0.75, 0.85, 0.9, 0.8, 0.1, 0.2, 0.25, 0.3};
    List<Point> t = section(BinaryCurves.points(scored(y, p), ThresholdObjective.F1),
        "threshold");
    assertEquals(0.7, t.get(0).value(), 1e-9);
    assertEquals("f1", t.get(0).predicted());
    assertEquals(0.8, t.stream().filter(x -> "precision".equals(x.item())).findFirst()
        .orElseThrow().value(), 1e-9);
    assertEquals(1.0, t.stream().filter(x -> "recall".equals(x.item())).findFirst()
        .orElseThrow().value(), 1e-9);
    List<Point> acc = section(BinaryCurves.points(scored(y, p), ThresholdObjective.ACCURACY),
        "threshold");
    assertTrue(acc.get(0).value() <= 0.7 && acc.get(0).value() > 0.3, acc.toString());
  }
}
