package io.lakeml.search;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * The search's budgets: a trial count, and optionally wall-clock seconds for the whole search plus
 * what comes after it, counted from the search's start ({@link #startClock}, called by the
 * engine before its first trial): reading the input, intake and fold preparation come before and
 * are not counted. A trial is launched only if, by the time it is expected to end, the reserve
 * for the refit (reserveFactor x the per-fold fit time of the models to refit, scaled to all
 * training rows) still fits. Once the elapsed time plus that reserve passes the budget, the budget
 * is {@link #spent}: the engine stops the trials still running.
 */
public final class SearchBudget {
  private final int maxTrials;
  private final double seconds;
  private final double reserveFactor;
  private final int refitModels;
  private final int folds;
  private final LongSupplier nanos;
  private volatile long start;

  /** refitModels: how many of the best families' models the end of the run refits. */
  public SearchBudget(int maxTrials, double seconds, double reserveFactor, int refitModels,
      int folds, LongSupplier nanos) {
    this.maxTrials = maxTrials;
    this.seconds = seconds;
    this.reserveFactor = reserveFactor;
    this.refitModels = refitModels;
    this.folds = folds;
    this.nanos = nanos;
    this.start = nanos.getAsLong();
  }

  /** Starts the clock (again): the budget counts from now. */
  public void startClock() {
    start = nanos.getAsLong();
  }

  public int maxTrials() {
    return maxTrials;
  }

  /** Whether there is a time budget at all (0 = trials only). */
  public boolean timed() {
    return seconds > 0;
  }

  /** The time budget in seconds (0 = none). */
  public double seconds() {
    return seconds;
  }

  public double elapsedSeconds() {
    return (nanos.getAsLong() - start) / 1e9;
  }

  /**
   * Whether a trial like {@code next} may start now, given the finished ones. Until a trial on
   * all rows has succeeded, trials start whatever the clock says (up to max-trials): a run must
   * end with a model (a candidate), even when reading and preparing the data took the whole time
   * budget; a successive-halving trial on part of the rows is no candidate.
   */
  public boolean allows(TrialSpec next, Collection<TrialResult> finished) {
    if (!timed() || !hasCandidate(finished)) {
      return true;
    }
    return elapsedSeconds() + expectedWall(next, finished) + reserve(finished) <= seconds;
  }

  /**
   * Whether the time budget is spent: the elapsed time plus the refit reserve is past it, and a
   * trial on all rows has succeeded (until then nothing is stopped: a run must end with a model).
   */
  public boolean spent(Collection<TrialResult> finished) {
    return timed() && hasCandidate(finished) && elapsedSeconds() + reserve(finished) > seconds;
  }

  private static boolean hasCandidate(Collection<TrialResult> finished) {
    return finished.stream().anyMatch(r -> r.succeeded() && r.spec().full());
  }

  /** Expected wall time of a trial: the mean of its family's at this fraction, else of all. */
  static double expectedWall(TrialSpec next, Collection<TrialResult> finished) {
    OptionalDouble same = finished.stream()
        .filter(r -> r.spec().family() == next.family()
            && r.spec().fraction() == next.fraction())
        .mapToDouble(TrialResult::wallSeconds).average();
    return same.orElse(finished.stream().mapToDouble(TrialResult::wallSeconds).average()
        .orElse(0));
  }

  /** Refit time of the best full trial of the top refitModels families, times the factor. */
  double reserve(Collection<TrialResult> finished) {
    Map<ModelFamily, TrialResult> slowestBest = new HashMap<>();
    finished.stream().filter(r -> r.succeeded() && r.spec().full()).forEach(r ->
        slowestBest.merge(r.spec().family(), r, (a, b) -> a.fitSeconds() >= b.fitSeconds() ? a
            : b));
    double perFoldRefit = slowestBest.values().stream()
        .map(r -> r.fitSeconds() / folds * folds / Math.max(1.0, folds - 1))
        .sorted(Comparator.reverseOrder()).limit(refitModels)
        .mapToDouble(Double::doubleValue).sum();
    return reserveFactor * perFoldRefit;
  }
}
