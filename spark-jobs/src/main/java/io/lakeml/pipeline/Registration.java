package io.lakeml.pipeline;

import io.lakeml.config.RegistrySettings;
import io.lakeml.evaluate.Metric;
import io.lakeml.lake.ModelStore;
import io.lakeml.registry.ModelRegistry;
import io.lakeml.registry.RegistryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a run's model as the next version of its name and applies the promotion rule: the
 * new version becomes champion when there is none, or when it beats the champion on this run's
 * holdout by more than the margin. The champion is scored again on the same holdout rows, so the
 * two figures compare like with like (not the champion's own, older holdout).
 */
final class Registration {
  private static final Logger LOG = LoggerFactory.getLogger(Registration.class);

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
    Optional<RegistryEntry> champion = registry.champion(name);
    if (champion.isEmpty()) {
      return promoted(registry.promote(name, entry.version(), "first champion of " + name));
    }
    RegistryEntry current = champion.get();
    if (current.version() == entry.version()) {
      return entry;
    }
    double challenger = entry.holdoutValue();
    Optional<Double> defender = scoreChampion(current, metric, holdout);
    if (defender.isEmpty()) {
      return promoted(registry.promote(name, entry.version(), "champion v" + current.version()
          + " cannot score run " + run.runId() + "'s holdout"));
    }
    double gain = metric.largerIsBetter() ? challenger - defender.get()
        : defender.get() - challenger;
    String comparison = String.format(Locale.ROOT, "%s on run %s's holdout: v%d %.4f vs "
            + "champion v%d %.4f (margin %.4f)", metric.id(), run.runId(), entry.version(),
        challenger, current.version(), defender.get(), settings.margin());
    if (gain > settings.margin()) {
      return promoted(registry.promote(name, entry.version(), "beat " + comparison));
    }
    LOG.info("Registry: champion holds; {}", comparison);
    return entry;
  }

  private static RegistryEntry promoted(RegistryEntry e) {
    LOG.info("Registry: promoted {}", e.describe());
    return e;
  }

  /** The champion's metric on these rows; empty when it cannot score them (schema change). */
  private static Optional<Double> scoreChampion(RegistryEntry champion, Metric metric,
      Dataset<Row> holdout) {
    try {
      PipelineModel model = PipelineModel.load(ModelStore.modelPath(champion.modelPath()));
      Dataset<Row> scored = model.transform(holdout);
      boolean probabilities = List.of(scored.columns()).contains("probability");
      return Optional.of(metric.evaluator(probabilities).evaluate(scored));
    } catch (RuntimeException e) {
      LOG.warn("Registry: champion v{} ({}) cannot score this holdout: {}", champion.version(),
          champion.modelPath(), e.toString());
      return Optional.empty();
    }
  }
}
