package io.lakeml.search;

import io.lakeml.evaluate.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the search: keeps up to {@code parallelism} trials in flight on a driver thread pool,
 * asks the proposer for each next trial, appends every finished trial to the log and reuses the
 * ones a previous attempt of the run already logged. Proposal n sees exactly the results of
 * trials 1..n-parallelism (it waits for them), so with a trial budget and a seed the trials and
 * their order do not depend on which trial happens to finish first.
 * An exception thrown by the runner (not a failed trial: a crash) stops the search and is
 * rethrown once the trials in flight have ended.
 * With a time budget, the trials still running when it is spent (the search's elapsed time plus
 * the refit reserve past the budget) are stopped ({@link TrialRunner#stop}) and end as failed
 * trials, not logged, once a trial on all rows has succeeded: a run always ends with a model.
 */
public final class SearchEngine {
  private static final Logger LOG = LoggerFactory.getLogger(SearchEngine.class);

  private final TrialProposer proposer;
  private final SearchBudget budget;
  private final int parallelism;
  private final TrialLog log;
  private final Metric metric;

  /** How often the engine checks whether the time budget is spent. */
  private static final long WATCH_MILLIS = 250;

  private final Map<Integer, TrialResult> finished = new HashMap<>();
  /** The trials running now, by number, and those of them already asked to stop. */
  private final Map<Integer, TrialSpec> inFlight = new HashMap<>();
  private final Set<Integer> stopped = new HashSet<>();
  private Throwable crash;

  public SearchEngine(TrialProposer proposer, SearchBudget budget, int parallelism, TrialLog log,
      Metric metric) {
    this.proposer = proposer;
    this.budget = budget;
    this.parallelism = parallelism;
    this.log = log;
    this.metric = metric;
  }

  /** Every result (failed trials included), in trial order. */
  public List<TrialResult> run(TrialRunner runner) {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, daemon("lakeml-trial"));
    // The time budget covers the search and what follows, not the reading, intake and fold
    // preparation before it (on a busy machine those alone exceeded a 60 s budget, and the run
    // failed with no trial at all).
    budget.startClock();
    ScheduledExecutorService watch = null;
    if (budget.timed()) {
      watch = Executors.newSingleThreadScheduledExecutor(daemon("lakeml-budget"));
      watch.scheduleWithFixedDelay(() -> stopWhenSpent(runner), WATCH_MILLIS, WATCH_MILLIS,
          TimeUnit.MILLISECONDS);
    }
    Progress progress = new Progress(metric, budget);
    int reused = 0;
    try {
      int number = 1;
      while (number <= budget.maxTrials()) {
        Map<Integer, TrialResult> visible = awaitVisible(number);
        if (visible == null) {
          break;
        }
        TrialProposer.Next next = proposer.next(number, visible, snapshot());
        if (next instanceof TrialProposer.Next.Await await) {
          if (!awaitAll(await.numbers())) {
            break;
          }
          continue;
        }
        if (!(next instanceof TrialProposer.Next.Launch launch)) {
          LOG.info("Search: every space is exhausted after {} trials", number - 1);
          break;
        }
        TrialSpec spec = launch.spec();
        Optional<TrialResult> done = log.recorded(spec);
        if (done.isPresent()) {
          reused++;
          complete(done.get().withSpec(spec), progress, false);
        } else if (!budget.allows(spec, snapshot().values())) {
          LOG.info(String.format(Locale.ROOT, "Search: time budget reached after %d trials "
              + "(%.1fs elapsed)", number - 1, budget.elapsedSeconds()));
          break;
        } else {
          launch(pool, spec, runner, progress);
        }
        number++;
      }
      awaitIdle();
    } finally {
      if (watch != null) {
        watch.shutdownNow();
      }
      pool.shutdownNow();
    }
    if (crash != null) {
      throw crash instanceof RuntimeException re ? re : new IllegalStateException(crash);
    }
    if (reused > 0) {
      LOG.info("Search: {} trials reused from an earlier attempt of this run", reused);
    }
    List<TrialResult> out = new ArrayList<>(finished.values());
    out.sort(Comparator.comparingInt(r -> r.spec().number()));
    return out;
  }

  private void launch(ExecutorService pool, TrialSpec spec, TrialRunner runner,
      Progress progress) {
    synchronized (this) {
      inFlight.put(spec.number(), spec);
    }
    pool.submit(() -> {
      try {
        complete(runner.apply(spec), progress, true);
      } catch (Throwable t) {
        synchronized (this) {
          if (crash == null) {
            crash = t;
          }
          inFlight.remove(spec.number());
          notifyAll();
        }
      }
    });
  }

  /** Stops the trials in flight once the budget is spent and some trial has succeeded. */
  private synchronized void stopWhenSpent(TrialRunner runner) {
    if (inFlight.isEmpty() || !budget.spent(finished.values())) {
      return;
    }
    for (TrialSpec spec : inFlight.values()) {
      if (stopped.contains(spec.number())) {
        continue;
      }
      String reason = String.format(Locale.ROOT, "the time budget of %.0fs was spent (%.1fs "
          + "into the search, %.1fs kept for the refit)", budget.seconds(),
          budget.elapsedSeconds(), budget.reserve(finished.values()));
      try {
        if (runner.stop(spec, reason)) {
          stopped.add(spec.number());
          LOG.info("Search: stopping trial {}: {}", spec.id(), reason);
        }
      } catch (RuntimeException e) {
        LOG.warn("Search: could not stop trial " + spec.id(), e);
      }
    }
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private void complete(TrialResult result, Progress progress, boolean fresh) {
    // A stopped trial is not logged: it did not end, and a rerun of the run runs it again.
    if (fresh && !result.wasStopped()) {
      log.append(result);
    }
    synchronized (this) {
      finished.put(result.spec().number(), result);
      if (fresh) {
        inFlight.remove(result.spec().number());
      }
      progress.report(result, fresh);
      notifyAll();
    }
  }

  /** Waits until trials 1..number-parallelism have finished; null when a trial crashed. */
  private synchronized Map<Integer, TrialResult> awaitVisible(int number) {
    int horizon = number - parallelism;
    while (crash == null && !allFinishedUpTo(horizon)) {
      waitQuietly();
    }
    if (crash != null) {
      return null;
    }
    Map<Integer, TrialResult> visible = new HashMap<>();
    finished.forEach((n, r) -> {
      if (n <= horizon) {
        visible.put(n, r);
      }
    });
    return visible;
  }

  private boolean allFinishedUpTo(int horizon) {
    for (int n = 1; n <= horizon; n++) {
      if (!finished.containsKey(n)) {
        return false;
      }
    }
    return true;
  }

  private synchronized boolean awaitAll(Set<Integer> numbers) {
    while (crash == null && !finished.keySet().containsAll(numbers)) {
      waitQuietly();
    }
    return crash == null;
  }

  private synchronized void awaitIdle() {
    while (!inFlight.isEmpty()) {
      waitQuietly();
    }
  }

  private synchronized Map<Integer, TrialResult> snapshot() {
    return new HashMap<>(finished);
  }

  private void waitQuietly() {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("search interrupted", e);
    }
  }

  /** Progress lines: n done, this trial, best so far, elapsed. */
  private static final class Progress {
    private final Metric metric;
    private final SearchBudget budget;
    private int done;
    private TrialResult best;

    Progress(Metric metric, SearchBudget budget) {
      this.metric = metric;
      this.budget = budget;
    }

    void report(TrialResult r, boolean fresh) {
      done++;
      if (r.succeeded() && r.spec().full() && (best == null
          || metric.better(r.mean(), best.mean()))) {
        best = r;
      }
      String outcome = r.succeeded()
          ? String.format(Locale.ROOT, "%s=%.4f ±%.4f (fit %.1fs)", metric.id(), r.mean(),
              r.std(), r.fitSeconds())
          : "FAILED: " + r.error();
      String bestText = best == null ? "none yet" : String.format(Locale.ROOT, "%.4f (%s)",
          best.mean(), best.spec().id());
      LOG.info(String.format(Locale.ROOT, "[trial %d%s] %s %s %s | best %s | elapsed %.1fs",
          done, fresh ? "" : ", from log", r.spec().id(), r.spec().describe(), outcome, bestText,
          budget.elapsedSeconds()));
    }
  }
}
