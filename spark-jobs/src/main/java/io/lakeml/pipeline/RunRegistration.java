package io.lakeml.pipeline;

import static org.apache.spark.sql.functions.col;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.delta.tables.DeltaTable;
import io.lakeml.config.ConfigLoader;
import io.lakeml.config.LakemlException;
import io.lakeml.config.RegistrySettings;
import io.lakeml.config.Settings;
import io.lakeml.evaluate.Metric;
import io.lakeml.intake.Intake;
import io.lakeml.lake.LakePaths;
import io.lakeml.prep.ClassWeights;
import io.lakeml.registry.ModelInfo;
import io.lakeml.registry.ModelRegistry;
import io.lakeml.registry.RegistryEntry;
import io.lakeml.split.FoldAssigner;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a finished AutoML run's model after the fact (RegistryJob, action register; for runs
 * made with lakeml.registry.register = false), with the same promotion rule as a run that
 * registers itself ({@link Registration}). That rule scores the champion on the run's holdout,
 * which the run does not store: it is rebuilt exactly as the run drew it, from the run's own
 * recorded config (automl/runs config_json) with the input pinned to the recorded input version
 * and, for a point-in-time training set, the feature tables pinned to the versions in the model's
 * model.json; then the same intake validation, class weights and FoldAssigner (same split seed,
 * key columns and holdout fraction). The assignment is a hash of the row key and the seed, ranked
 * within strata, so the same rows give the same holdout. Idempotent per run id: the registry keeps
 * one version per (model, run id), and the rule is applied again on a rerun.
 */
public final class RunRegistration {
  private static final Logger LOG = LoggerFactory.getLogger(RunRegistration.class);

  private RunRegistration() {}

  /** Registers run runId's model under registry.modelOr(the run's name). */
  public static RegistryEntry register(SparkSession spark, String lakeRoot,
      RegistrySettings registry, String runId) {
    LakePaths lake = new LakePaths(lakeRoot);
    Row row = runRow(spark, lake, runId);
    RunSummary run = summary(row);
    if (!"SUCCEEDED".equals(run.status())) {
      throw new LakemlException("AutoML run " + runId + " has status " + run.status()
          + " in automl/runs at " + lake.runs() + "; only a SUCCEEDED run can be registered");
    }
    ModelInfo info = ModelInfo.read(spark, run.modelPath());
    Settings trained = trainedSettings(run, info);
    TrainingInput input = TrainingInput.read(spark, trained);
    try {
      Dataset<Row> holdout = holdout(input, trained);
      Metric metric = Metric.resolve(run.metric(), taskOf(run.task()));
      LOG.info("Registering run {} ({} {}, holdout {} rebuilt from {} at version {})", runId,
          run.bestFamily(), run.bestTrialId(), run.holdoutMetrics(), run.inputRef(),
          run.inputVersion());
      return Registration.register(new ModelRegistry(spark, lake.registry()), registry, run,
          metric, holdout);
    } finally {
      input.release();
    }
  }

  private static Row runRow(SparkSession spark, LakePaths lake, String runId) {
    if (!DeltaTable.isDeltaTable(spark, lake.runs())) {
      throw new LakemlException("No automl/runs table at " + lake.runs() + ": no run " + runId
          + " to register (lakeml.registry.run-id)");
    }
    List<Row> rows = spark.read().format("delta").load(lake.runs())
        .where(col("run_id").equalTo(runId)).collectAsList();
    if (rows.isEmpty()) {
      throw new LakemlException("No run " + runId + " in automl/runs at " + lake.runs()
          + " (lakeml.registry.run-id); has its AutoML task finished?");
    }
    return rows.get(0);
  }

  static RunSummary summary(Row r) {
    Map<String, Double> holdout = r.getJavaMap(r.fieldIndex("holdout_metrics"));
    List<String> classes = r.isNullAt(r.fieldIndex("classes")) ? List.of()
        : r.getList(r.fieldIndex("classes"));
    return new RunSummary(r.getAs("run_id"), r.getAs("name"), r.getAs("status"),
        instant(r.getAs("started_at")), instant(r.getAs("finished_at")), r.getAs("input_ref"),
        (Long) r.getAs("input_version"), r.getAs("label"), r.getAs("task"), classes,
        (Long) r.getAs("rows_read"), (Long) r.getAs("rows_dropped_null_label"),
        (Long) r.getAs("rows_train"), (Long) r.getAs("rows_holdout"), (Integer) r.getAs("folds"),
        r.getAs("metric"), r.getAs("best_trial_id"), r.getAs("best_family"),
        r.getAs("best_params_json"), (Double) r.getAs("cv_mean"), (Double) r.getAs("cv_std"),
        Map.copyOf(holdout), r.getAs("model_path"), (Long) r.getAs("seed"), r.getAs("git_sha"),
        r.getAs("lakeml_version"), r.getAs("spark_version"), r.getAs("config_json"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /** The run's settings as recorded, its input and feature tables pinned to what it read. */
  static Settings trainedSettings(RunSummary run, ModelInfo info) {
    Config recorded;
    try {
      recorded = ConfigFactory.parseString(run.configJson()).atPath("lakeml");
    } catch (RuntimeException e) {
      throw new LakemlException("Cannot parse the recorded config of run " + run.runId()
          + " (automl/runs config_json): " + e.getMessage(), e);
    }
    recorded = recorded
        .withValue("lakeml.input.version", ConfigValueFactory.fromAnyRef(run.inputVersion()))
        .withValue("lakeml.input.timestamp", ConfigValueFactory.fromAnyRef(null));
    if (info.trainingSet() != null && info.trainingSet().featureVersions() != null) {
      recorded = recorded.withValue("lakeml.input.feature-versions",
          ConfigValueFactory.fromMap(info.trainingSet().featureVersions()));
    }
    return Settings.from(recorded.withFallback(ConfigLoader.reference()).resolve());
  }

  /**
   * The holdout rows as AutoMLPipeline drew them (indexed label, class weights), from the input
   * read with the run's settings (the caller releases it).
   */
  static Dataset<Row> holdout(TrainingInput input, Settings s) {
    Intake.Labelled labelled = new Intake(input.input(), s.label(), s.intake(), s.split())
        .validate(input.table());
    Optional<Column> weight = ClassWeights.column(labelled.label(), s.prep());
    Dataset<Row> rows = weight.map(w -> labelled.data().withColumn(ClassWeights.COLUMN, w))
        .orElse(labelled.data());
    long rowsUsed = labelled.rowsRead() - labelled.rowsDropped();
    return new FoldAssigner(s.split(), s.run().seedFor("split"), input.input().keyColumns())
        .assign(rows, labelled.label(), rowsUsed).where(col(FoldAssigner.HOLDOUT).equalTo(true));
  }

  private static io.lakeml.config.Task taskOf(String id) {
    for (io.lakeml.config.Task t : io.lakeml.config.Task.values()) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    throw new LakemlException("Unknown task " + id + " in automl/runs");
  }
}
