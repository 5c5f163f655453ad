package io.lakeml.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.lakeml.config.EvaluateSettings.ThresholdObjective;
import io.lakeml.evaluate.EvaluationTable.Point;
import io.lakeml.intake.LabelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * ROC and precision-recall points, calibration bins, the chosen threshold and the distribution
 * of P(positive) of a binary model on scored rows, all from one aggregation: the score is cut
 * into {@value #BINS} equal-width bins with their row, positive and score sums (at most that many
 * rows reach the driver), and the curves are the cumulative sums from the top bin down. Linear SVC
 * has margins, not probabilities: they are squashed by a logistic function (monotone, so ROC, PR
 * and the ranking are unchanged) and get no calibration bins.
 */
public final class BinaryCurves {
  static final int BINS = 1000;
  static final int COARSE = 10;

  private BinaryCurves() {}

  /** P(positive class) from the probability vector, or a squashed margin (linear SVC). */
  public static Column score(Dataset<Row> scored) {
    boolean probabilities = List.of(scored.columns()).contains("probability");
    Column second = functions.vector_to_array(col(probabilities ? "probability"
        : "rawPrediction"), "float64").getItem(1);
    return probabilities ? second : lit(1.0).divide(lit(1.0).plus(exp(second.multiply(-1))));
  }

  static List<Point> points(Dataset<Row> scored, ThresholdObjective objective) {
    boolean probabilities = List.of(scored.columns()).contains("probability");
    Column bin = least(lit(BINS - 1), greatest(lit(0),
        floor(col("_score").multiply(BINS)).cast("int")));
    List<Row> rows = scored.select(score(scored).as("_score"),
            col(LabelInfo.INDEXED).as("_y"))
        .groupBy(bin.as("_bin"))
        .agg(count(lit(1)).as("n"), sum(col("_y")).as("pos"), sum(col("_score")).as("s"))
        .collectAsList();
    long[] n = new long[BINS];
    double[] pos = new double[BINS];
    double[] s = new double[BINS];
    for (Row r : rows) {
      int b = r.getInt(0);
      n[b] = r.getLong(1);
      pos[b] = r.getDouble(2);
      s[b] = r.getDouble(3);
    }
    double totalPos = 0;
    long total = 0;
    for (int b = 0; b < BINS; b++) {
      totalPos += pos[b];
      total += n[b];
    }
    double totalNeg = total - totalPos;
    List<Point> out = new ArrayList<>();
    out.add(Point.xy("roc", 0, null, 0, 0, 1.0, 0L));
    double tp = 0;
    double fp = 0;
    double bestValue = Double.NEGATIVE_INFINITY;
    double[] best = null;
    int seq = 0;
    for (int b = BINS - 1; b >= 0; b--) {
      if (n[b] == 0) {
        continue;
      }
      tp += pos[b];
      fp += n[b] - pos[b];
      double threshold = b / (double) BINS;
      double tpr = totalPos == 0 ? 0 : tp / totalPos;
      double fpr = totalNeg == 0 ? 0 : fp / totalNeg;
      double precision = tp / (tp + fp);
      out.add(Point.xy("roc", ++seq, null, fpr, tpr, threshold, tp + fp > 0 ? (long) (tp + fp)
          : 0L));
      out.add(Point.xy("pr", seq, null, tpr, precision, threshold, (long) (tp + fp)));
      double f1 = precision + tpr == 0 ? 0 : 2 * precision * tpr / (precision + tpr);
      double accuracy = (tp + (totalNeg - fp)) / total;
      double youden = tpr - fpr;
      double value = switch (objective) {
        case F1 -> f1;
        case ACCURACY -> accuracy;
        case YOUDEN -> youden;
      };
      if (value > bestValue) {
        bestValue = value;
        best = new double[] {threshold, precision, tpr, f1, accuracy, youden};
      }
    }
    if (best != null) {
      out.add(new Point("threshold", 0, "threshold", null, objective.id(), null, null, best[0],
          null));
      String[] names = {"precision", "recall", "f1", "accuracy", "youden"};
      for (int i = 0; i < names.length; i++) {
        out.add(Point.value("threshold", i + 1, names[i], best[i + 1]));
      }
    }
    coarse(out, n, pos, s, total, probabilities);
    return out;
  }

  /** Ten bins of width 0.1: calibration (probabilities only) and the prediction distribution. */
  private static void coarse(List<Point> out, long[] n, double[] pos, double[] s, long total,
      boolean probabilities) {
    int per = BINS / COARSE;
    for (int c = 0; c < COARSE; c++) {
      long rows = 0;
      double positives = 0;
      double scores = 0;
      for (int b = c * per; b < (c + 1) * per; b++) {
        rows += n[b];
        positives += pos[b];
        scores += s[b];
      }
      double lo = c / (double) COARSE;
      double hi = (c + 1) / (double) COARSE;
      String label = String.format(Locale.ROOT, "%.1f-%.1f", lo, hi);
      if (probabilities && rows > 0) {
        out.add(Point.xy("calibration", c, label, scores / rows, positives / rows, null, rows));
      }
      out.add(Point.xy("prediction_dist", c, label, lo, hi,
          total == 0 ? 0.0 : rows / (double) total, rows));
    }
  }
}
