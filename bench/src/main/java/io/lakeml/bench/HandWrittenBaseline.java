package io.lakeml.bench;

import static org.apache.spark.sql.functions.col;

import io.lakeml.config.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a competent user writes by hand with plain MLlib: read the CSV, index the label,
 * {@link BaselineFeatures} (impute, index + one-hot, assemble), fitted once on the training rows
 * (none of it looks at the label), then a CrossValidator (3 folds, parallelism 2) over a small
 * random-forest grid and another over a small GBT grid ({@link BaselineModels}); the better of
 * the two best models (each already refitted on all training rows by its CrossValidator) is
 * joined to the preprocessing and saved. Wall time runs from reading the CSV to the saved model.
 */
public final class HandWrittenBaseline {
  private static final Logger LOG = LoggerFactory.getLogger(HandWrittenBaseline.class);
  public static final String LABEL = "label";
  public static final String PREDICTED_LABEL = "predicted_label";
  public static final int FOLDS = 3;
  public static final int PARALLELISM = 2;

  private final SparkSession spark;
  private final BaselineGrid grid;

  public HandWrittenBaseline(SparkSession spark, BaselineGrid grid) {
    this.spark = spark;
    this.grid = grid;
  }

  /** One family's cross-validation: its best mean CV metric and parameters, and its time. */
  public record FamilyResult(String family, double cvMetric, String bestParams, double seconds) {}

  /**
   * A fitted baseline: the saved model (preprocessing, model and, for classification, the class
   * names as {@link #PREDICTED_LABEL}), the label's classes by index, both families' CV results,
   * the winner and the wall time from reading the CSV to the saved model.
   */
  public record Fitted(PipelineModel model, List<String> classes, List<FamilyResult> families,
      String winner, double seconds) {}

  public Fitted fit(BenchDataset dataset, Path modelDir) {
    long t0 = System.nanoTime();
    Dataset<Row> train = readCsv(dataset.trainCsv(), dataset.schemaDdl());
    return fit(train, dataset.task(), dataset.label(), modelDir, t0);
  }

  /** The baseline on a loaded table; t0: the System.nanoTime() its wall time counts from. */
  public Fitted fit(Dataset<Row> train, Task task, String label, Path modelDir, long t0) {
    StringIndexerModel labels = null;
    Dataset<Row> labelled;
    if (task.isClassification()) {
      labels = new StringIndexer().setInputCol(label).setOutputCol(LABEL)
          .setStringOrderType("alphabetAsc").fit(train);
      labelled = labels.transform(train);
    } else {
      labelled = train.withColumn(LABEL, col(label).cast("double"));
    }
    PipelineModel features = BaselineFeatures.pipeline(train.schema(), label).fit(labelled);
    Dataset<Row> prepared = features.transform(labelled)
        .select(BaselineFeatures.FEATURES, LABEL).cache();
    try {
      Evaluator evaluator = BaselineModels.evaluator(task);
      List<FamilyResult> results = new ArrayList<>();
      Model<?> best = null;
      FamilyResult bestResult = null;
      for (BaselineModels.Candidate c : BaselineModels.candidates(task, grid)) {
        long c0 = System.nanoTime();
        CrossValidatorModel cv = new CrossValidator().setEstimator(c.estimator())
            .setEstimatorParamMaps(c.grid()).setEvaluator(evaluator).setNumFolds(FOLDS)
            .setParallelism(PARALLELISM).setSeed(BaselineModels.SEED).fit(prepared);
        FamilyResult r = bestOf(c.family(), cv, evaluator.isLargerBetter(),
            (System.nanoTime() - c0) / 1e9);
        LOG.info("Baseline {}: CV {} {} with {} in {} s", c.family(), evaluatorName(task),
            fmt(r.cvMetric()), r.bestParams(), fmt(r.seconds()));
        results.add(r);
        if (bestResult == null || (evaluator.isLargerBetter()
            ? r.cvMetric() > bestResult.cvMetric() : r.cvMetric() < bestResult.cvMetric())) {
          bestResult = r;
          best = cv.bestModel();
        }
      }
      List<PipelineStage> stages = new ArrayList<>(List.of(features, best));
      List<String> classes = labels == null ? List.of() : List.of(labels.labelsArray()[0]);
      if (labels != null) {
        stages.add(new IndexToString().setInputCol("prediction").setOutputCol(PREDICTED_LABEL)
            .setLabels(labels.labelsArray()[0]));
      }
      // A pipeline of fitted stages only: fit() just collects them (no pass over the data).
      PipelineModel model = new Pipeline().setStages(stages.toArray(PipelineStage[]::new))
          .fit(train);
      try {
        model.write().overwrite().save(modelDir.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot save the baseline model to " + modelDir, e);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      return new Fitted(model, classes, results, bestResult.family(), seconds);
    } finally {
      prepared.unpersist();
    }
  }

  private static FamilyResult bestOf(String family, CrossValidatorModel cv, boolean largerBetter,
      double seconds) {
    double[] metrics = cv.avgMetrics();
    int best = 0;
    for (int i = 1; i < metrics.length; i++) {
      if (largerBetter ? metrics[i] > metrics[best] : metrics[i] < metrics[best]) {
        best = i;
      }
    }
    List<String> params = new ArrayList<>();
    for (ParamPair<?> p : cv.getEstimatorParamMaps()[best].toList()) {
      params.add(p.param().name() + "=" + p.value());
    }
    return new FamilyResult(family, metrics[best], String.join(" ", params), seconds);
  }

  /** The test split through the fitted model, as {@link TestPredictions} columns. */
  public Dataset<Row> predictions(Fitted fitted, BenchDataset dataset) {
    Dataset<Row> test = readCsv(dataset.testCsv(), dataset.schemaDdl());
    return predictions(fitted, test, dataset.task(), dataset.label(), dataset.positiveClass());
  }

  public static Dataset<Row> predictions(Fitted fitted, Dataset<Row> test, Task task,
      String label, String positiveClass) {
    Dataset<Row> scored = fitted.model().transform(test);
    if (task == Task.REGRESSION) {
      return scored.select(col(label).cast("double").as(TestPredictions.LABEL),
          col("prediction").as(TestPredictions.PREDICTED));
    }
    if (task == Task.MULTICLASS) {
      return scored.select(col(label).as(TestPredictions.LABEL),
          col(PREDICTED_LABEL).as(TestPredictions.PREDICTED));
    }
    int positive = fitted.classes().indexOf(positiveClass);
    if (positive < 0) {
      throw new IllegalArgumentException("Baseline: positive class " + positiveClass
          + " is not among the training labels " + fitted.classes());
    }
    return scored.select(col(label).as(TestPredictions.LABEL),
        col(PREDICTED_LABEL).as(TestPredictions.PREDICTED),
        functions.vector_to_array(col("probability"), "float64").getItem(positive)
            .as(TestPredictions.SCORE));
  }

  Dataset<Row> readCsv(Path file, String ddl) {
    return readCsv(spark, file, ddl);
  }

  /** A split of the export: header, the manifest's schema, empty fields as nulls. */
  public static Dataset<Row> readCsv(SparkSession spark, Path file, String ddl) {
    StructType schema = StructType.fromDDL(ddl);
    return spark.read().option("header", "true").option("mode", "FAILFAST").schema(schema)
        .csv(file.toString());
  }

  private static String evaluatorName(Task task) {
    return TestMetric.of(task).id();
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
