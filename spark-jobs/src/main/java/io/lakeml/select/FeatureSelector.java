package io.lakeml.select;

import io.lakeml.config.SelectSettings;
import io.lakeml.config.Task;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorSlicer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The last preprocessing stage: scores the assembled features on the rows it is fitted on (the
 * training folds, then all training rows for the final model) with {@link SelectionScorer} and
 * keeps the chosen slots with a VectorSlicer, wrapped in a PipelineModel, which is all that is
 * saved with the model. {@link #lastSelection()} is the selection of its latest fit: folds are
 * prepared one after the other and the final model is fitted last.
 */
public final class FeatureSelector extends Estimator<PipelineModel> {
  private final String uid;
  private final SelectSettings settings;
  private final Task task;
  private final long seed;
  private final String inputCol;
  private final String outputCol;
  private final String labelCol;
  private volatile Selection last;

  public FeatureSelector(SelectSettings settings, Task task, long seed, String inputCol,
      String outputCol, String labelCol) {
    this(Identifiable$.MODULE$.randomUID("lakemlFeatureSelector"), settings, task, seed,
        inputCol, outputCol, labelCol);
  }

  private FeatureSelector(String uid, SelectSettings settings, Task task, long seed,
      String inputCol, String outputCol, String labelCol) {
    this.uid = uid;
    this.settings = settings;
    this.task = task;
    this.seed = seed;
    this.inputCol = inputCol;
    this.outputCol = outputCol;
    this.labelCol = labelCol;
  }

  @Override
  public PipelineModel fit(Dataset<?> dataset) {
    Dataset<Row> slim = dataset.select(inputCol, labelCol)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Selection selection = new SelectionScorer(settings, task, seed)
          .select(slim, inputCol, labelCol);
      last = selection;
      VectorSlicer slicer = new VectorSlicer().setInputCol(inputCol).setOutputCol(outputCol)
          .setIndices(selection.kept());
      return new Pipeline().setStages(new PipelineStage[] {slicer}).fit(dataset);
    } finally {
      slim.unpersist();
    }
  }

  public Selection lastSelection() {
    return last;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return schema.add(outputCol, SQLDataTypes.VectorType(), false);
  }

  @Override
  public Estimator<PipelineModel> copy(ParamMap extra) {
    return new FeatureSelector(uid, settings, task, seed, inputCol, outputCol, labelCol);
  }

  @Override
  public String uid() {
    return uid;
  }
}
