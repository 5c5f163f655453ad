package io.lakeml.pipeline;

import static org.apache.spark.sql.functions.col;

import io.lakeml.config.Settings;
import io.lakeml.config.Task;
import io.lakeml.evaluate.EvaluationTable;
import io.lakeml.evaluate.Metric;
import io.lakeml.intake.Intake;
import io.lakeml.intake.IntakeResult;
import io.lakeml.intake.ProfileTable;
import io.lakeml.lake.LakePaths;
import io.lakeml.lake.ModelStore;
import io.lakeml.lake.PinnedTable;
import io.lakeml.lake.RunTableWriter;
import io.lakeml.lake.TableRef;
import io.lakeml.prep.ClassWeights;
import io.lakeml.registry.ModelInfo;
import io.lakeml.registry.ModelRegistry;
import io.lakeml.report.RunInfo;
import io.lakeml.report.ReportWriter;
import io.lakeml.report.RunReport;
import io.lakeml.prep.FeaturePipeline;
import io.lakeml.select.FeatureSelector;
import io.lakeml.select.Selection;
import io.lakeml.select.SelectionTable;
import io.lakeml.config.SelectSettings;
import io.lakeml.intake.LabelInfo;
import io.lakeml.config.SearchSettings;
import io.lakeml.search.ModelContext;
import io.lakeml.search.SearchBudget;
import io.lakeml.search.TrialProposer;
import io.lakeml.split.FoldAssigner;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AutoML run: read the pinned table, validate, split, search with K-fold CV on prepared folds,
 * refit the winner, evaluate it on the holdout, then write the model (atomically), the trials, the
 * leaderboard and last the run's row. All validation happens before the first write.
 */
public final class AutoMLPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(AutoMLPipeline.class);
  /** Rows per partition of the cached training data (and so of every fold). */
  static final long ROWS_PER_PARTITION = 200_000;

  private final SparkSession spark;
  private final Settings settings;

  public AutoMLPipeline(SparkSession spark, Settings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  public RunSummary run() {
    Instant started = Instant.now();
    RunClock clock = new RunClock();
    TrainingInput input = TrainingInput.read(spark, settings);
    try {
      return run(input, started, clock);
    } finally {
      input.release();
    }
  }

  private RunSummary run(TrainingInput input, Instant started, RunClock clock) {
    String runId = settings.run().id();
    LakePaths lake = new LakePaths(settings.lakeRoot());
    PinnedTable table = input.table();
    LOG.info("Run {}: reading {} at version {}{}", runId, table.ref().describe(), table.version(),
        input.set().map(s -> "; point-in-time features " + s.featureColumns()
            + " from feature table versions " + s.featureVersions()).orElse(""));
    Intake intakeStage = new Intake(input.input(), settings.label(), settings.intake(),
        settings.split());
    Intake.Labelled labelled = intakeStage.validate(table);
    clock.lap("read and validate");
    LabelInfo label = labelled.label();
    Task task = label.task();
    Metric metric = Metric.resolve(settings.search().metric(), task);
    ModelContext ctx = new ModelContext(task, task.isClassification()
        ? label.classes().size() : 0, ClassWeights.column(label, settings.prep()).isPresent());
    SearchSettings search = settings.search();
    // Checks every family, space and portfolio entry now, before any data is touched.
    new TrialProposer(search, ctx, metric, settings.run(), Optional.empty());
    SearchBudget budget = new SearchBudget(search.maxTrials(), search.timeBudgetSeconds(),
        search.reserveFactor(), search.ensemble().enabled()
            ? Math.max(search.ensemble().maxMembers(), search.holdoutTop()) : search.holdoutTop(),
        settings.split().folds(), System::nanoTime);
    // Class weights come from the class counts of all labelled rows: the split is exactly
    // stratified, so the training rows have the same proportions (to within a row per class).
    Optional<Column> weight = ClassWeights.column(label, settings.prep());
    Dataset<Row> rows = weight.map(w -> labelled.data().withColumn(ClassWeights.COLUMN, w))
        .orElse(labelled.data());
    weight.ifPresent(w -> LOG.info("Run {}: class weights on ({} = {})", runId,
        ClassWeights.COLUMN, label.counts()));

    long splitSeed = settings.run().seedFor("split");
    long rowsUsed = labelled.rowsRead() - labelled.rowsDropped();
    // The fold window leaves spark.sql.shuffle.partitions partitions (200 by default): far too
    // many tasks per model iteration on small data, so size them to the data once, here.
    int partitions = Math.max(spark.sparkContext().defaultParallelism(),
        (int) Math.min(10_000, rowsUsed / ROWS_PER_PARTITION + 1));
    Dataset<Row> assigned = new FoldAssigner(settings.split(), splitSeed,
        input.input().keyColumns()).assign(rows, label, rowsUsed).repartition(partitions);
    assigned = FoldAssigner.withRowIds(assigned, settings.run().seedFor("sample"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> training = assigned.where(col(FoldAssigner.HOLDOUT).equalTo(false));
      Dataset<Row> holdout = assigned.where(col(FoldAssigner.HOLDOUT).equalTo(true));
      // Types, decisions and leakage scores see the training rows' labels only.
      IntakeResult intake = intakeStage.profile(labelled, training).withData(rows);
      clock.lap("split and profile");
      LOG.info("Run {}: {} task on {} ({} rows, {} without label dropped; {} features: {} "
              + "numeric, {} categorical, {} high-cardinality, {} date, {} text); up to {} trials "
              + "x {} folds, metric {}", runId, task.id(), label.column(), intake.rowsRead(),
          intake.rowsDroppedNullLabel(), intake.allFeatures().size(),
          intake.numericFeatures().size(), intake.categoricalFeatures().size(),
          intake.highCardinalityFeatures().size(), intake.datetimeFeatures().size(),
          intake.textFeatures().size(), search.maxTrials(), settings.split().folds(),
          metric.id());
      Optional<FeatureSelector> selector = settings.select().mode() == SelectSettings.Mode.OFF
          ? Optional.empty()
          : Optional.of(new FeatureSelector(settings.select(), task,
              settings.run().seedFor("select"), FeaturePipeline.ALL_FEATURES,
              FeaturePipeline.FEATURES, LabelInfo.INDEXED));
      Pipeline prep = FeaturePipeline.build(intake, settings.prep(), selector);
      // The runs row marks a complete run: a rerun removes it before its first write (the trials
      // it appends), so a rerun that fails never leaves it describing a mix of attempts.
      RunTableWriter writer = new RunTableWriter(spark);
      writer.deleteRun(lake.runs(), runId);
      DeltaTrialLog log = new DeltaTrialLog(spark, lake.trials(), runId);
      if (log.recordedCount() > 0) {
        LOG.info("Run {}: resuming; {} trials already logged by an earlier attempt", runId,
            log.recordedCount());
      }
      ModelSearch.Outcome found = new ModelSearch(spark, settings, ctx, metric, budget, clock)
          .run(intake, prep, training, holdout, log);
      Candidate winner = found.winner();
      FinalModel fin = found.model();
      long trainRows = found.trainRows();
      LOG.info("Run {}: winner {} {}={} ±{}; holdout {}", runId, winner.describe(), metric.id(),
          fmt(winner.mean()), fmt(winner.std()), fin.holdoutMetrics());

      long holdoutRows = intake.rowsUsed() - trainRows;
      String modelPath = lake.model(settings.run().name(), runId);
      RunSummary summary = new RunSummary(runId, settings.run().name(), "SUCCEEDED", started,
          Instant.now(), table.ref().id(), table.version(), intake.label().column(), task.id(),
          intake.label().classes(), intake.rowsRead(), intake.rowsDroppedNullLabel(), trainRows,
          holdoutRows, settings.split().folds(), metric.id(), winner.id(),
          winner.family(), winner.paramsJson(), winner.mean(), winner.std(),
          fin.holdoutMetrics(), modelPath, settings.run().seed(), BuildInfo.gitSha(),
          BuildInfo.lakemlVersion(), spark.version(), settings.configJson());

      Optional<ModelInfo.TrainingSetInfo> setInfo = input.set().map(s -> new ModelInfo
          .TrainingSetInfo(settings.featureStore().store().root(), settings.trainingSet()
              .eventTime(), s.keyColumns(), s.references(),
              settings.trainingSet().maxFeatureAge().map(java.time.Duration::toString).orElse(null),
              s.featureVersions()));
      String provenance = Provenance.json(summary, BuildInfo.versions(spark.version()), intake,
          winner, Map.of("split", splitSeed, "sample", settings.run().seedFor("sample")),
          setInfo);
      ModelInfo info = ModelDocs.info(summary, intake, winner, fin.evaluation(),
          settings.evaluate().thresholdObjective().id(), setInfo.orElse(null));
      new ModelStore(spark).save(modelPath, fin.model(), Map.of("provenance.json", provenance,
          ModelInfo.FILE, info.toJson(),
          ModelDocs.CARD, ModelDocs.card(summary, info, intake, winner, fin.evaluation())));
      clock.lap("save model");
      RunTables tables = new RunTables(spark, lake);
      writer.replaceRun(lake.profiles(), runId, ProfileTable.rows(spark, runId,
          intake, table.ref().id(), table.version(), started));
      if (selector.isPresent()) {
        Selection chosen = selector.get().lastSelection();
        LOG.info("Run {}: feature selection kept {} of {} slots", runId, chosen.kept().length,
            chosen.scores().size());
        writer.replaceRun(lake.featureSelection(), runId,
            SelectionTable.rows(spark, runId, chosen));
      } else {
        writer.deleteRun(lake.featureSelection(), runId);
      }
      tables.writeTrials(runId, found.trials());
      tables.writeLeaderboard(runId, metric.id(), found.ranked(), winner, found.holdout());
      writer.replaceRun(lake.evaluations(), runId,
          EvaluationTable.rows(spark, runId, found.evaluations()));
      clock.lap("lake tables");
      if (settings.evaluate().report()) {
        String report = RunReport.write(spark, lake, runId, new RunInfo(runId, summary.name(),
            summary.status(), summary.startedAt(), summary.finishedAt(), summary.inputRef(),
            summary.inputVersion(), summary.label(), summary.task(), summary.metric(),
            summary.bestTrialId(), summary.bestFamily(), summary.bestParamsJson(),
            summary.cvMean(), summary.cvStd(), summary.holdoutMetrics(), summary.modelPath(),
            summary.gitSha(), summary.lakemlVersion(), summary.sparkVersion()));
        LOG.info("Run {}: report at {}", runId, report);
      } else {
        ReportWriter.delete(spark, lake.report(runId));
      }
      clock.lap("report");
      if (settings.registry().register()) {
        Registration.register(new ModelRegistry(spark, lake.registry()), settings.registry(),
            summary, metric, holdout);
      }
      clock.lap("registry");
      tables.writeRun(summary);
      clock.lap("lake tables");
      logLeaderboard(found, metric);
      LOG.info("Run {} time: {}", runId, clock.describe());
      LOG.info("Run {} done in {}s: model at {}", runId,
          fmt((Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0), modelPath);
      return summary;
    } finally {
      assigned.unpersist();
    }
  }

  private static void logLeaderboard(ModelSearch.Outcome found, Metric metric) {
    StringBuilder out = new StringBuilder("Leaderboard by CV " + metric.id() + " ("
        + found.trials().size() + " trials):");
    int rank = 0;
    for (Candidate c : found.ranked()) {
      Double holdout = found.holdout().get(c.id());
      out.append(String.format(Locale.ROOT, "%n  %d. %-9s %-20s %.4f ±%.4f%s  %s", ++rank,
          c.id(), c.family(), c.mean(), c.std(), holdout == null ? ""
              : String.format(Locale.ROOT, "  holdout %.4f", holdout), c.paramsJson()));
    }
    LOG.info(out.toString());
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
