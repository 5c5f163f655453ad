package io.lakeml.monitor;

import io.lakeml.stats.Psi;

import static org.apache.spark.sql.functions.col;

import io.lakeml.config.LakemlException;
import io.lakeml.config.MonitorSettings;
import io.lakeml.config.Settings;
import io.lakeml.lake.LakePaths;
import io.lakeml.lake.RunTableWriter;
import io.lakeml.registry.ModelInfo;
import io.lakeml.registry.ModelRegistry;
import io.lakeml.score.PredictionColumns;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One monitor run: picks the scoring run, loads its model's baselines (model.json, the training
 * profile, the holdout prediction distribution), counts every PSI check's buckets in one Spark
 * job, compares the feature tables it was trained from (feature store _stats, trained version
 * against the latest), checks performance when labels are known, and writes the checks plus a summary to
 * monitoring/drift in one commit. Everything is read and validated before that write, so a user
 * error leaves the table untouched.
 */
public final class DriftMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(DriftMonitor.class);

  /** The checks written (the summary last) and whether any of them drifted. */
  public record Result(String scoringRunId, List<Check> checks, boolean drifted) {}

  private final SparkSession spark;
  private final Settings settings;
  private final LakePaths lake;
  private final Clock clock;

  public DriftMonitor(SparkSession spark, Settings settings, Clock clock) {
    this.spark = spark;
    this.settings = settings;
    this.lake = new LakePaths(settings.lakeRoot());
    this.clock = clock;
  }

  public Result run() {
    MonitorSettings ms = settings.monitor();
    String modelName = settings.registry().modelOr(settings.run().name());
    ScoringRun run = ScoringRun.pick(spark, lake.predictions(modelName), ms.scoringRunId());
    LOG.info("Monitor run {}: checking {}", settings.run().id(), run.describe());
    if (run.modelVersion() == null) {
      throw new LakemlException("Scoring run " + run.runId() + " in " + run.path()
          + " has no model_version: its model cannot be found in the registry");
    }
    // The registry knows where the version's folder is (its name need not be the run name).
    ModelInfo model = ModelInfo.read(spark, new ModelRegistry(spark, lake.registry())
        .version(modelName, run.modelVersion()).modelPath());

    List<Buckets> psiChecks = new ArrayList<>(Baseline.features(profileRows(run), model));
    Baseline.prediction(predictionDist(run), model).ifPresent(psiChecks::add);
    requireColumns(run, psiChecks, model);
    PerformanceCheck performance = new PerformanceCheck(spark, ms);
    Optional<Dataset<Row>> labelled = performance.labelled(run.data(), model);

    CurrentCounts.Counts counts = CurrentCounts.compute(run.data(), psiChecks);
    List<Check> checks = new ArrayList<>();
    for (int i = 0; i < psiChecks.size(); i++) {
      Buckets b = psiChecks.get(i);
      double psi = Psi.ofCounts(b.expected(), counts.perCheck().get(i));
      double threshold = b.kind().equals(Check.FEATURE) ? ms.featurePsi() : ms.predictionPsi();
      checks.add(Check.psi(b.kind(), b.name(), psi, threshold, counts.rows()));
    }
    checks.addAll(FeatureTableDrift.checks(spark, model, ms.featurePsi()));
    labelled.flatMap(rows -> performance.check(rows, model)).ifPresent(checks::add);
    long drifted = checks.stream().filter(Check::drifted).count();
    checks.add(new Check(Check.SUMMARY, "any", "drifted_checks", drifted, null, null,
        drifted > 0, counts.rows()));

    checks.forEach(c -> LOG.info("Monitor run {}: {}", settings.run().id(), c.describe()));
    String name = run.modelName() != null ? run.modelName() : modelName;
    new RunTableWriter(spark).replaceRun(lake.drift(), settings.run().id(),
        DriftTable.rows(spark, settings.run().id(), run, name, checks, clock.instant()));
    return new Result(run.runId(), checks, drifted > 0);
  }

  /** The model run's kept feature rows of automl/profiles. */
  private List<Row> profileRows(ScoringRun run) {
    String path = lake.profiles();
    List<Row> rows = table(path).map(t -> t.where(col("run_id").equalTo(run.modelRunId())
        .and(col("role").equalTo("feature")).and(col("kept"))).collectAsList())
        .orElse(List.of());
    if (rows.isEmpty()) {
      throw new LakemlException("No training profile for model run " + run.modelRunId()
          + " in " + path + ": expected the automl/profiles rows of the run that trained the"
          + " model (the feature drift baseline)");
    }
    return rows;
  }

  /** The best candidate's prediction_dist rows of the model run (may be none). */
  private List<Row> predictionDist(ScoringRun run) {
    return table(lake.evaluations()).map(t -> t.where(col("run_id").equalTo(run.modelRunId())
        .and(col("is_best")).and(col("section").equalTo("prediction_dist"))).collectAsList())
        .orElse(List.of());
  }

  private Optional<Dataset<Row>> table(String path) {
    return io.delta.tables.DeltaTable.isDeltaTable(spark, path)
        ? Optional.of(spark.read().format("delta").load(path)) : Optional.empty();
  }

  /** The columns the checks read must be in the predictions table (ScoreJob keeps them). */
  private static void requireColumns(ScoringRun run, List<Buckets> checks, ModelInfo model) {
    List<String> columns = List.of(run.data().columns());
    List<String> needed = new ArrayList<>();
    checks.stream().filter(b -> b.kind().equals(Check.FEATURE)).forEach(b -> needed.add(b.name()));
    if (checks.stream().anyMatch(b -> b.kind().equals(Check.PREDICTION))) {
      needed.add("binary".equals(model.task()) ? PredictionColumns.SCORE
          : model.classification() ? PredictionColumns.PREDICTED_LABEL
          : PredictionColumns.PREDICTION);
    }
    for (String c : needed) {
      if (!columns.contains(c)) {
        throw new LakemlException("The predictions table at " + run.path() + " has no column "
            + c + ": expected the model's input features and the prediction columns ScoreJob"
            + " writes (model " + model.name() + ", run " + model.runId() + ")");
      }
    }
  }
}
