package io.lakeml.pipeline;

import io.lakeml.config.SearchSettings;
import io.lakeml.config.Settings;
import io.lakeml.ensemble.StackedEnsemble;
import io.lakeml.evaluate.EvaluationTable;
import io.lakeml.evaluate.Metric;
import io.lakeml.intake.IntakeResult;
import io.lakeml.search.CrossValidation;
import io.lakeml.search.Halving;
import io.lakeml.search.ModelContext;
import io.lakeml.search.OutOfFold;
import io.lakeml.search.PreparedFolds;
import io.lakeml.search.SearchBudget;
import io.lakeml.search.SearchEngine;
import io.lakeml.search.TrialLog;
import io.lakeml.search.TrialProposer;
import io.lakeml.search.TrialResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model search of a run: trials with K-fold CV on the prepared folds, the stacked ensemble
 * on the family bests' out-of-fold predictions, the candidates ranked, the top ones refitted on
 * all training rows ({@link Refits}: preprocessing and each model fitted once) and scored on the
 * holdout. The winner's refitted model is kept for saving.
 */
final class ModelSearch {
  private static final Logger LOG = LoggerFactory.getLogger(ModelSearch.class);

  /** What the search found. */
  record Outcome(List<TrialResult> trials, List<Candidate> ranked, Candidate winner,
      FinalModel model, Map<String, Double> holdout, List<EvaluationTable.Evaluation> evaluations,
      long trainRows, Optional<Halving> halving) {}

  private final SparkSession spark;
  private final Settings settings;
  private final ModelContext ctx;
  private final Metric metric;
  private final SearchBudget budget;
  private final RunClock clock;

  ModelSearch(SparkSession spark, Settings settings, ModelContext ctx, Metric metric,
      SearchBudget budget, RunClock clock) {
    this.spark = spark;
    this.settings = settings;
    this.ctx = ctx;
    this.metric = metric;
    this.budget = budget;
    this.clock = clock;
  }

  Outcome run(IntakeResult intake, Pipeline prep, Dataset<Row> training, Dataset<Row> holdout,
      TrialLog log) {
    SearchSettings s = settings.search();
    List<TrialResult> results;
    List<Candidate> candidates = new ArrayList<>();
    long trainRows;
    Optional<Halving> halving;
    try (PreparedFolds folds = PreparedFolds.prepare(prep, training, settings.split().folds())) {
      clock.lap("folds and preprocessing");
      PreparedFolds.Fold first = folds.folds().get(0);
      trainRows = first.trainRows() + first.validRows();
      halving = s.halving().active(trainRows)
          ? Optional.of(new Halving(s.halving().minFraction(), s.halving().eta()))
          : Optional.empty();
      halving.ifPresent(h -> LOG.info("Successive halving on {} training rows: {}", trainRows, h));
      TrialProposer proposer = new TrialProposer(s, ctx, metric, settings.run(), halving);
      OutOfFold oof = new OutOfFold(metric);
      CrossValidation cv = new CrossValidation(spark, folds, ctx, metric, oof, clock.fits());
      results = new SearchEngine(proposer, budget, s.parallelism(), log, metric).run(cv);
      if (results.stream().anyMatch(TrialResult::wasStopped)) {
        // A cancelled fit leaves cached what MLlib caches while fitting (it unpersists only at
        // the end). Nothing references it now: Spark's ContextCleaner unpersists it once a
        // garbage collection has found it unreachable, before the refit needs the memory.
        System.gc();
      }
      clock.lap("trials");
      List<TrialResult> bests = OutOfFold.familyBests(results, metric);
      if (bests.isEmpty()) {
        throw new IllegalStateException("All " + results.size() + " trials failed; first error: "
            + (results.isEmpty() ? "none" : results.get(0).error()));
      }
      bests.forEach(b -> candidates.add(Candidate.of(b)));
      if (s.ensemble().enabled() && bests.size() >= 2) {
        List<OutOfFold.Entry> members = bests.stream().limit(s.ensemble().maxMembers())
            .map(cv::predictionsOf).toList();
        StackedEnsemble.Cv ensemble = describing("lakeml: stacked ensemble",
            () -> StackedEnsemble.crossValidate(members, ctx, metric, settings.split().folds()));
        LOG.info(String.format(Locale.ROOT, "Stacked ensemble of %d: %s=%.4f ±%.4f (best "
            + "member %.4f)", members.size(), metric.id(), ensemble.mean(), ensemble.std(),
            bests.get(0).mean()));
        candidates.add(Candidate.of(ensemble));
        clock.lap("ensemble");
      }
    }
    Comparator<Candidate> byMean = Comparator.comparingDouble(Candidate::mean);
    List<Candidate> ranked = candidates.stream()
        .sorted(metric.largerIsBetter() ? byMean.reversed() : byMean).toList();
    Candidate winner = ranked.get(0);
    Map<String, Double> holdoutValues = new LinkedHashMap<>();
    List<EvaluationTable.Evaluation> evaluations = new ArrayList<>();
    FinalModel winnerModel = null;
    List<Candidate> top = ranked.subList(0, Math.min(s.holdoutTop(), ranked.size()));
    Refits refits = describing("lakeml: refit preprocessing", () -> new Refits(prep, training,
        ctx, intake.label().classes(), top.stream().filter(c -> c.single() != null)
            .map(Candidate::id).collect(Collectors.toSet()), clock.fits()));
    for (Candidate c : top) {
      FinalModel fitted = describing("lakeml: refit " + c.describe(), () -> FinalModel.evaluate(
          intake, refits.refit(c), c.ensemble() != null, holdout,
          settings.evaluate().thresholdObjective()));
      holdoutValues.put(c.id(), fitted.holdoutMetrics().get(metric.id()));
      evaluations.add(new EvaluationTable.Evaluation(c.id(), c.family(), ranked.indexOf(c) + 1,
          c == winner, fitted.evaluation()));
      LOG.info("Holdout of {}: {}", c.describe(), fitted.holdoutMetrics());
      if (c == winner) {
        winnerModel = fitted;
      }
    }
    LOG.info("Refit {} candidates with {} model fits", top.size(), refits.modelFits());
    clock.lap("refit and holdout");
    return new Outcome(results, ranked, winner, winnerModel, holdoutValues, evaluations,
        trainRows, halving);
  }

  /** Runs work with its Spark jobs described (Spark UI) as description. */
  private <T> T describing(String description, Supplier<T> work) {
    spark.sparkContext().setJobDescription(description);
    try {
      return work.get();
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }
}
