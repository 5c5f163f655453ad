package io.lakeml.pipeline;

import io.lakeml.config.Task;
import io.lakeml.config.EvaluateSettings.ThresholdObjective;
import io.lakeml.evaluate.EvaluationTable;
import io.lakeml.evaluate.HoldoutEvaluator;
import io.lakeml.intake.IntakeResult;
import io.lakeml.search.FitClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The winner refitted on all training rows (preprocessing included) and evaluated on the holdout.
 * Its output columns: prediction (class index or value), and for classification probability,
 * rawPrediction and {@link #PREDICTED_LABEL} (the class as in the label column).
 */
public record FinalModel(PipelineModel model, Map<String, Double> holdoutMetrics,
    List<EvaluationTable.Point> evaluation, double fitSeconds) {

  public static final String PREDICTED_LABEL = "predicted_label";

  /**
   * ensemble: a stacked ensemble (no feature importance of its own); fits: where the refit's wall
   * time is counted.
   */
  static FinalModel fit(IntakeResult intake, Pipeline prep, List<PipelineStage> modelStages,
      String description, boolean ensemble, Dataset<Row> training, Dataset<Row> holdout,
      ThresholdObjective objective, FitClock fits) {
    Task task = intake.label().task();
    List<PipelineStage> stages = new ArrayList<>(List.of(prep.getStages()));
    stages.addAll(modelStages);
    if (task.isClassification()) {
      stages.add(new IndexToString().setInputCol("prediction").setOutputCol(PREDICTED_LABEL)
          .setLabels(intake.label().classes().toArray(String[]::new)));
    }
    training.sparkSession().sparkContext().setJobDescription("lakeml: refit " + description);
    try {
      long t0 = System.nanoTime();
      PipelineModel model = fits.time(() -> new Pipeline()
          .setStages(stages.toArray(PipelineStage[]::new)).fit(training));
      double fitSeconds = (System.nanoTime() - t0) / 1e9;
      HoldoutEvaluator.Result result = HoldoutEvaluator.evaluate(model, holdout, task,
          intake.label().classes(), objective, !ensemble);
      return new FinalModel(model, result.metrics(), result.points(), fitSeconds);
    } finally {
      training.sparkSession().sparkContext().setJobDescription(null);
    }
  }
}
