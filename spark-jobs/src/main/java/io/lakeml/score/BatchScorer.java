package io.lakeml.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.when;

import io.lakeml.config.LakemlException;
import io.lakeml.config.ScoreSettings;
import io.lakeml.evaluate.BinaryCurves;
import io.lakeml.features.FeatureStore;
import io.lakeml.features.TrainingSet;
import io.lakeml.features.TrainingSetSpec;
import io.lakeml.features.TrainingSets;
import io.lakeml.lake.DeltaReader;
import io.lakeml.lake.LakePaths;
import io.lakeml.lake.ModelStore;
import io.lakeml.lake.PinnedTable;
import io.lakeml.lake.RunTableWriter;
import io.lakeml.lake.TableRef;
import io.lakeml.registry.ModelInfo;
import io.lakeml.registry.ModelRegistry;
import io.lakeml.registry.RegistryEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch scoring: a registered model version (the champion unless one is named) scores a Delta
 * table read at one pinned version, and the rows go to predictions/&lt;model&gt; with the model
 * version, the training run, the scoring time and the input version, replacing only this scoring
 * run's earlier rows (one Delta commit), so a retried scoring run never duplicates rows.
 */
public final class BatchScorer {
  private static final Logger LOG = LoggerFactory.getLogger(BatchScorer.class);

  private final SparkSession spark;
  private final LakePaths lake;

  public BatchScorer(SparkSession spark, LakePaths lake) {
    this.spark = spark;
    this.lake = lake;
  }

  /** What a scoring run did. */
  public record Scored(String modelName, RegistryEntry version, PinnedTable input,
      String output) {}

  public Scored score(String runId, String modelName, ScoreSettings settings,
      FeatureStore store) {
    settings.requireSource();
    ModelRegistry registry = new ModelRegistry(spark, lake.registry());
    RegistryEntry entry = settings.modelVersion() != null
        ? registry.version(modelName, settings.modelVersion())
        : registry.champion(modelName).orElseThrow(() -> new LakemlException("Model "
            + modelName + " has no champion in the registry at " + registry.path()
            + "; promote a version (RegistryJob, lakeml.registry.action = promote) or set "
            + "lakeml.score.model-version"));
    ModelInfo info = ModelInfo.read(spark, entry.modelPath());
    PinnedTable input = new DeltaReader(spark).read(new TableRef(settings.path(),
        settings.table(), settings.version(), settings.timestamp(), "lakeml.score.input"));
    Map<String, Long> featureVersions = Map.of();
    Dataset<Row> rows = input.data();
    if (info.trainingSet() != null) {
      // The model was trained on point-in-time features: join the same ones, as of each row's
      // event time, from the feature tables' latest versions (recorded with the predictions).
      ModelInfo.TrainingSetInfo t = info.trainingSet();
      if (!t.storeRoot().equals(store.root())) {
        throw new LakemlException(entry.describe() + " was trained on the feature store at "
            + t.storeRoot() + " but lakeml.feature-store.root is " + store.root() + ": score "
            + "with the store it was trained on");
      }
      TrainingSet set = new TrainingSets(spark, store).build(rows, input.ref().describe(),
          new TrainingSetSpec(t.eventTime(), t.features(), Optional.ofNullable(t.maxAge())
              .map(Duration::parse), Map.of(), "model.json trainingSet of " + entry.describe()));
      rows = set.data();
      featureVersions = set.featureVersions();
    }
    Dataset<Row> conformed = InputSchemaCheck.conform(rows, info, entry.version(),
        input.ref().describe());
    PipelineModel model = PipelineModel.load(ModelStore.modelPath(entry.modelPath()));
    LOG.info("Scoring {} at version {} with {}", input.ref().describe(), input.version(),
        entry.describe());
    Dataset<Row> scored = model.transform(conformed);
    List<Column> out = new ArrayList<>();
    for (String c : conformed.columns()) {
      out.add(col(c));
    }
    out.add(col("prediction").as(PredictionColumns.PREDICTION));
    if (info.classification()) {
      out.add(col("predicted_label").as(PredictionColumns.PREDICTED_LABEL));
      if (List.of(scored.columns()).contains("probability")) {
        out.add(functions.vector_to_array(col("probability"), "float64")
            .as(PredictionColumns.PROBABILITY));
      }
    }
    if ("binary".equals(info.task())) {
      Column score = BinaryCurves.score(scored);
      out.add(score.as(PredictionColumns.SCORE));
      if (info.threshold() != null) {
        out.add(when(score.geq(info.threshold()), lit(info.classes().get(1)))
            .otherwise(lit(info.classes().get(0))).as(PredictionColumns.DECISION));
      }
    }
    out.add(lit(entry.modelName()).as(PredictionColumns.MODEL_NAME));
    out.add(lit(entry.version()).as(PredictionColumns.MODEL_VERSION));
    out.add(lit(entry.runId()).as(PredictionColumns.MODEL_RUN_ID));
    out.add(lit(runId).as(PredictionColumns.RUN_ID));
    out.add(current_timestamp().as(PredictionColumns.SCORED_AT));
    out.add(lit(input.ref().id()).as(PredictionColumns.INPUT_REF));
    out.add(lit(input.version()).as(PredictionColumns.INPUT_VERSION));
    List<Column> versions = new ArrayList<>();
    featureVersions.forEach((t, v) -> {
      versions.add(lit(t));
      versions.add(lit(v));
    });
    out.add(map(versions.toArray(Column[]::new)).cast(DataTypes.createMapType(
        DataTypes.StringType, DataTypes.LongType)).as(PredictionColumns.FEATURE_VERSIONS));
    String target = lake.predictions(modelName);
    spark.sparkContext().setJobDescription("lakeml: score " + input.ref().id() + " with "
        + modelName + " v" + entry.version());
    try {
      new RunTableWriter(spark).replaceRun(target, runId,
          scored.select(out.toArray(Column[]::new)));
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
    LOG.info("Scoring run {} written to {}", runId, target);
    return new Scored(modelName, entry, input, target);
  }
}
