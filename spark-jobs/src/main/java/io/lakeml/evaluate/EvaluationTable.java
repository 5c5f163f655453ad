package io.lakeml.evaluate;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * automl/evaluations: the holdout evaluation of each refitted leaderboard entry, in long form, one
 * row per point, cell or value, so one table holds every kind and SQL can slice it. Columns a
 * section does not use are null. Sections (seq orders the rows of a section):
 * <ul>
 *   <li>{@code metric}: item = metric id, value = its holdout value.</li>
 *   <li>{@code confusion} (classification): actual, predicted (class labels), count.</li>
 *   <li>{@code roc} (binary): x = false positive rate, y = true positive rate, value = threshold
 *   on P(positive class).</li>
 *   <li>{@code pr} (binary): x = recall, y = precision, value = threshold.</li>
 *   <li>{@code calibration} (binary): item = bin ("0.0-0.1"), x = mean predicted probability,
 *   y = observed positive rate, count = rows in the bin.</li>
 *   <li>{@code threshold} (binary): the threshold chosen by the configured objective; item =
 *   "threshold" (value = the threshold, predicted = the objective), then item = precision, recall,
 *   f1, accuracy, youden at that threshold (value).</li>
 *   <li>{@code residuals} (regression): item = mean, std, mae, rmse, max_abs, p05, p25, p50, p75,
 *   p95 of (label - prediction), value.</li>
 *   <li>{@code residual_bins} (regression): item = bin, x = mean prediction in the bin (deciles of
 *   the prediction), y = mean residual, count.</li>
 *   <li>{@code importance}: item = feature (a slot of the model's feature vector, named after
 *   its input column), value = importance, normalised to sum to 1; seq = rank (0 = most).</li>
 *   <li>{@code prediction_dist}: the distribution of the model's output on the holdout, the
 *   baseline of prediction drift. Binary: item = bin of P(positive) ("0.0-0.1"), x/y = bin edges;
 *   multiclass: item = predicted class; regression: item = bin, x/y = edges (deciles); count,
 *   value = share of rows.</li>
 * </ul>
 */
public final class EvaluationTable {
  public static final StructType SCHEMA = new StructType()
      .add("run_id", StringType, false).add("candidate_id", StringType, false)
      .add("family", StringType, false).add("rank", IntegerType, false)
      .add("is_best", BooleanType, false).add("section", StringType, false)
      .add("seq", IntegerType, false).add("item", StringType).add("actual", StringType)
      .add("predicted", StringType).add("x", DoubleType).add("y", DoubleType)
      .add("value", DoubleType).add("count", LongType);

  private EvaluationTable() {}

  /** One row; candidate columns are filled in by {@link #rows}. */
  public record Point(String section, int seq, String item, String actual, String predicted,
      Double x, Double y, Double value, Long count) {

    public static Point value(String section, int seq, String item, double value) {
      return new Point(section, seq, item, null, null, null, null, finite(value), null);
    }

    public static Point xy(String section, int seq, String item, double x, double y,
        Double value, Long count) {
      return new Point(section, seq, item, null, null, finite(x), finite(y),
          value == null ? null : finite(value), count);
    }
  }

  /** The evaluation of one leaderboard entry. */
  public record Evaluation(String candidateId, String family, int rank, boolean best,
      List<Point> points) {}

  public static Dataset<Row> rows(SparkSession spark, String runId, List<Evaluation> evals) {
    List<Row> rows = evals.stream().flatMap(e -> e.points().stream().map(p -> RowFactory.create(
        runId, e.candidateId(), e.family(), e.rank(), e.best(), p.section(), p.seq(), p.item(),
        p.actual(), p.predicted(), p.x(), p.y(), p.value(), p.count()))).toList();
    return spark.createDataFrame(rows, SCHEMA);
  }

  static Double finite(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
  }
}
