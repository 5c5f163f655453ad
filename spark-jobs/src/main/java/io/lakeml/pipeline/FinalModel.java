package io.lakeml.pipeline;

import io.lakeml.config.EvaluateSettings.ThresholdObjective;
import io.lakeml.evaluate.EvaluationTable;
import io.lakeml.evaluate.HoldoutEvaluator;
import io.lakeml.intake.IntakeResult;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A candidate refitted on all training rows (preprocessing included, {@link Refits}) and
 * evaluated on the holdout.
 * Its output columns: prediction (class index or value), and for classification probability,
 * rawPrediction and {@link #PREDICTED_LABEL} (the class as in the label column).
 */
public record FinalModel(PipelineModel model, Map<String, Double> holdoutMetrics,
    List<EvaluationTable.Point> evaluation, double fitSeconds) {

  public static final String PREDICTED_LABEL = "predicted_label";

  /** A refitted model evaluated on the holdout; ensemble: a stacked ensemble (no feature
   * importance of its own). */
  static FinalModel evaluate(IntakeResult intake, Refits.Refit refit, boolean ensemble,
      Dataset<Row> holdout, ThresholdObjective objective) {
    HoldoutEvaluator.Result result = HoldoutEvaluator.evaluate(refit.model(), holdout,
        intake.label().task(), intake.label().classes(), objective, !ensemble);
    return new FinalModel(refit.model(), result.metrics(), result.points(), refit.fitSeconds());
  }
}
