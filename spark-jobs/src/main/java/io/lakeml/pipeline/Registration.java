package io.lakeml.pipeline;

import io.lakeml.config.RegistrySettings;
import io.lakeml.evaluate.Metric;
import io.lakeml.lake.ModelStore;
import io.lakeml.registry.ModelInfo;
import io.lakeml.registry.ModelRegistry;
import io.lakeml.registry.RegistryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a run's model as the next version of its name and applies the promotion rule: the
 * new version becomes champion when there is none, or when it beats the champion on this run's
 * holdout by more than the margin. The champion is scored again on the same holdout rows, so the
 * two figures compare like with like (not the champion's own, older holdout). The promotion only
 * happens if the champion compared with is still the champion; otherwise it compares again.
 */
final class Registration {
  private static final Logger LOG = LoggerFactory.getLogger(Registration.class);
  private static final int ATTEMPTS = 3;

  private Registration() {}

  static RegistryEntry register(ModelRegistry registry, RegistrySettings settings,
      RunSummary run, Metric metric, Dataset<Row> holdout) {
    String name = settings.modelOr(run.name());
    Instant now = Instant.now();
    RegistryEntry entry = registry.register(new RegistryEntry(name, 0, run.runId(),
        run.modelPath(), run.task(), metric.id(), run.cvMean(),
        run.holdoutMetrics().get(metric.id()), run.holdoutMetrics(), run.inputRef(),
        run.inputVersion(), RegistryEntry.Stage.CANDIDATE, now, now, null,
        "registered by run " + run.runId()));
    LOG.info("Registry: {}", entry.describe());
    if (!settings.autoPromote()) {
      return entry;
    }
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<RegistryEntry> champion = registry.champion(name);
      if (champion.isPresent() && champion.get().version() == entry.version()) {
        return entry;
      }
      Optional<String> reason = champion.isEmpty() ? Optional.of("first champion of " + name)
          : beats(entry, champion.get(), run, metric, holdout, settings.margin());
      if (reason.isEmpty()) {
        return entry;
      }
      Optional<RegistryEntry> done = registry.promoteIfChampion(name, entry.version(),
          champion.map(RegistryEntry::version), reason.get());
      if (done.isPresent()) {
        LOG.info("Registry: promoted {}", done.get().describe());
        return done.get();
      }
      LOG.info("Registry: the champion of {} changed while comparing; comparing again", name);
    }
    throw new IllegalStateException("The champion of " + name + " kept changing during "
        + ATTEMPTS + " comparisons; v" + entry.version() + " stays a candidate");
  }

  /**
   * Gains up to this much are floating-point noise, not a better model: the same model scored
   * on the same rows in another job (other partitioning, another summation order) differs in the
   * last digits, and with margin 0 such a copy replaced the champion.
   */
  static final double NOISE = 1e-9;

  /** Why the challenger should replace the champion, or empty when the champion holds. */
  private static Optional<String> beats(RegistryEntry challenger, RegistryEntry champion,
      RunSummary run, Metric metric, Dataset<Row> holdout, double margin) {
    Optional<Double> defender = scoreChampion(champion, run, metric, holdout);
    if (defender.isEmpty()) {
      return Optional.of("champion v" + champion.version() + " cannot score run " + run.runId()
          + "'s holdout");
    }
    double value = challenger.holdoutValue();
    double gain = metric.largerIsBetter() ? value - defender.get() : defender.get() - value;
    String comparison = String.format(Locale.ROOT, "%s on run %s's holdout: v%d %.4f vs "
            + "champion v%d %.4f (margin %.4f)", metric.id(), run.runId(), challenger.version(),
        value, champion.version(), defender.get(), margin);
    if (gain > margin + NOISE) {
      return Optional.of("beat " + comparison);
    }
    LOG.info("Registry: champion holds; {}", comparison);
    return Optional.empty();
  }

  /**
   * The champion's metric on these rows; empty when it cannot score them: other classes (the
   * holdout's label indexes would not mean the same classes) or other input columns (an analysis
   * error). Anything else (storage, cluster) fails the run rather than demoting a good champion.
   */
  private static Optional<Double> scoreChampion(RegistryEntry champion, RunSummary run,
      Metric metric, Dataset<Row> holdout) {
    ModelInfo info = ModelInfo.read(holdout.sparkSession(), champion.modelPath());
    if (!info.classes().equals(run.classes()) || !info.task().equals(run.task())) {
      LOG.warn("Registry: champion v{} predicts {} {}, this run {} {}", champion.version(),
          info.task(), info.classes(), run.task(), run.classes());
      return Optional.empty();
    }
    try {
      PipelineModel model = PipelineModel.load(ModelStore.modelPath(champion.modelPath()));
      Dataset<Row> scored = model.transform(holdout);
      boolean probabilities = List.of(scored.columns()).contains("probability");
      return Optional.of(metric.evaluator(probabilities).evaluate(scored));
    } catch (Exception e) {
      if (e instanceof AnalysisException) {
        LOG.warn("Registry: champion v{} ({}) cannot score this holdout: {}",
            champion.version(), champion.modelPath(), e.getMessage());
        return Optional.empty();
      }
      throw e instanceof RuntimeException re ? re
          : new IllegalStateException("Scoring champion v" + champion.version() + " failed", e);
    }
  }
}
