package io.lakeml.config;

import io.lakeml.search.SearchSpace;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * lakeml.search: families, strategy, budgets, parallelism, metric, successive halving, the stacked
 * ensemble, and per-family spaces and portfolios. Family and parameter names are checked against
 * the estimators when the search is planned, before anything is written.
 *
 * @param timeBudgetSeconds wall-clock budget of the search plus refit; 0 = trials only
 * @param focusFamilies after the portfolio, sampled trials go to this many best families
 * @param reserveFactor the refit reserve, in multiples of the best trials' per-fold fit time
 */
public record SearchSettings(List<String> families, String strategy, boolean usePortfolio,
    int maxTrials, double timeBudgetSeconds, double reserveFactor, int parallelism, String metric,
    int focusFamilies, Halving halving, Ensemble ensemble, int holdoutTop,
    Map<String, SearchSpace> spaces, Map<String, List<Map<String, Object>>> portfolio) {

  /** Successive halving on data size: rungs at minFraction, minFraction * eta, ..., 1. */
  public record Halving(Mode mode, long minRows, double minFraction, int eta) {
    public enum Mode { AUTO, ON, OFF }

    public Halving {
      LakemlException.check(minRows >= 0, "lakeml.search.halving.min-rows", minRows,
          "must be >= 0");
      LakemlException.check(minFraction > 0 && minFraction < 1,
          "lakeml.search.halving.min-fraction", minFraction, "must be > 0 and < 1");
      LakemlException.check(eta >= 2 && eta <= 10, "lakeml.search.halving.eta", eta,
          "must be >= 2 and <= 10");
    }

    /** Whether halving runs on this many training rows. */
    public boolean active(long trainingRows) {
      return mode == Mode.ON || (mode == Mode.AUTO && trainingRows >= minRows);
    }
  }

  /** The stacked ensemble over the best trial of each family. */
  public record Ensemble(boolean enabled, int maxMembers) {
    public Ensemble {
      LakemlException.check(maxMembers >= 2 && maxMembers <= 20,
          "lakeml.search.ensemble.max-members", maxMembers, "must be >= 2 and <= 20");
    }
  }

  public SearchSettings {
    LakemlException.check(!families.isEmpty(), "lakeml.search.families", families,
        "must name at least one model family");
    LakemlException.check(strategy.equals("random") || strategy.equals("tpe"),
        "lakeml.search.strategy", strategy, "expected random or tpe");
    LakemlException.check(maxTrials >= 1, "lakeml.search.max-trials", maxTrials, "must be >= 1");
    LakemlException.check(timeBudgetSeconds >= 0, "lakeml.search.time-budget", timeBudgetSeconds,
        "must be >= 0 (0 = no time limit)");
    LakemlException.check(reserveFactor >= 0, "lakeml.search.reserve-factor", reserveFactor,
        "must be >= 0");
    LakemlException.check(parallelism >= 1 && parallelism <= 64, "lakeml.search.parallelism",
        parallelism, "must be >= 1 and <= 64");
    LakemlException.check(focusFamilies >= 1, "lakeml.search.focus-families", focusFamilies,
        "must be >= 1");
    LakemlException.check(holdoutTop >= 1 && holdoutTop <= 20, "lakeml.search.holdout-top",
        holdoutTop, "must be >= 1 and <= 20");
    families = List.copyOf(families);
    // Sorted, so the trials a seed gives never depend on map iteration order.
    spaces = Collections.unmodifiableMap(new TreeMap<>(spaces));
    TreeMap<String, List<Map<String, Object>>> sortedPortfolio = new TreeMap<>();
    portfolio.forEach((family, configs) -> sortedPortfolio.put(family, configs.stream()
        .map(c -> Collections.unmodifiableMap(new TreeMap<>(c))).map(c -> (Map<String, Object>) c)
        .toList()));
    portfolio = Collections.unmodifiableMap(sortedPortfolio);
  }
}
