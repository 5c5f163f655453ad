package io.lakeml.bench;

import static org.apache.spark.sql.functions.col;

import io.lakeml.config.ConfigLoader;
import io.lakeml.config.Settings;
import io.lakeml.config.Task;
import io.lakeml.evaluate.BinaryCurves;
import io.lakeml.jobs.AutoMLJob;
import io.lakeml.jobs.ImportCsvJob;
import io.lakeml.lake.LakePaths;
import io.lakeml.lake.ModelStore;
import io.lakeml.pipeline.RunSummary;
import io.lakeml.registry.ModelInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * lakeml's side, run as its jobs run: the training split imported into a Delta table
 * (ImportCsvJob), then the AutoML job (AutoMLJob) on it with lakeml's defaults except the label,
 * the task and the time budget; the test split is scored with the model the run saved.
 */
public final class LakemlSide {
  private final SparkSession spark;

  public LakemlSide(SparkSession spark) {
    this.spark = spark;
  }

  /** The AutoML run and its wall time (job start to return). */
  public record Run(RunSummary summary, double seconds) {}

  /**
   * The settings of one data set's run: its own lake under lakeRoot, run name bench_&lt;name&gt;,
   * input = the imported training split, label and task from the manifest, the time budget
   * (lakeml.search.time-budget, e.g. "120s").
   */
  public static Settings settings(BenchDataset dataset, Path lakeRoot, String runId,
      String timeBudget) {
    String table = lakeRoot.resolve("datasets").resolve(dataset.name()).toString();
    List<String> sets = new ArrayList<>(List.of(
        "lakeml.lake.root=" + quote(lakeRoot.toString()),
        "lakeml.run.name=" + quote("bench_" + dataset.name()),
        "lakeml.run.id=" + quote(runId),
        "lakeml.input.path=" + quote(table),
        "lakeml.label.column=" + quote(dataset.label()),
        "lakeml.label.task=" + dataset.task().id(),
        "lakeml.search.time-budget=" + quote(timeBudget),
        "lakeml.import-csv.source=" + quote(dataset.trainCsv().toString()),
        "lakeml.import-csv.schema=" + quote(dataset.schemaDdl()),
        "lakeml.import-csv.target=" + quote(table)));
    if (dataset.task() == Task.BINARY) {
      sets.add("lakeml.label.positive-class=" + quote(dataset.positiveClass()));
    }
    return Settings.from(ConfigLoader.load(List.of(), sets));
  }

  /** A HOCON string literal. */
  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** ImportCsvJob: the training CSV into the input Delta table. Returns seconds. */
  public double importTraining(Settings settings) {
    long t0 = System.nanoTime();
    ImportCsvJob.run(spark, settings);
    return (System.nanoTime() - t0) / 1e9;
  }

  /** AutoMLJob, timed from its start to its return (model, tables, report and registry written). */
  public Run automl(Settings settings) {
    long t0 = System.nanoTime();
    RunSummary summary = AutoMLJob.run(spark, settings);
    return new Run(summary, (System.nanoTime() - t0) / 1e9);
  }

  /** How many trials the run logged in automl/trials. */
  public long trials(Settings settings, Run run) {
    return spark.read().format("delta").load(new LakePaths(settings.lakeRoot()).trials())
        .where(col("run_id").equalTo(run.summary().runId())).count();
  }

  /** The test split through the run's saved model, as {@link TestPredictions} columns. */
  public Dataset<Row> predictions(Run run, BenchDataset dataset) {
    Dataset<Row> test = HandWrittenBaseline.readCsv(spark, dataset.testCsv(),
        dataset.schemaDdl());
    return predictions(run.summary().modelPath(), test, dataset);
  }

  Dataset<Row> predictions(String modelFolder, Dataset<Row> test, BenchDataset dataset) {
    ModelInfo info = ModelInfo.read(spark, modelFolder);
    if (dataset.task() == Task.BINARY && !dataset.positiveClass().equals(info.classes().get(1))) {
      throw new IllegalStateException("lakeml model " + modelFolder + ": class 1 is "
          + info.classes().get(1) + ", the manifest's positive class "
          + dataset.positiveClass());
    }
    PipelineModel model = PipelineModel.load(ModelStore.modelPath(modelFolder));
    Dataset<Row> scored = model.transform(test);
    String label = dataset.label();
    return switch (dataset.task()) {
      case REGRESSION -> scored.select(col(label).cast("double").as(TestPredictions.LABEL),
          col("prediction").as(TestPredictions.PREDICTED));
      case MULTICLASS -> scored.select(col(label).as(TestPredictions.LABEL),
          col("predicted_label").as(TestPredictions.PREDICTED));
      case BINARY -> scored.select(col(label).as(TestPredictions.LABEL),
          col("predicted_label").as(TestPredictions.PREDICTED),
          BinaryCurves.score(scored).as(TestPredictions.SCORE));
    };
  }
}
