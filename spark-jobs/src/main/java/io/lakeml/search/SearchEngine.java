package io.lakeml.search;

import io.lakeml.evaluate.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the search: keeps up to {@code parallelism} trials in flight on a driver thread pool,
 * asks the proposer for each next trial, appends every finished trial to the log and reuses the
 * ones a previous attempt of the run already logged. Proposal n sees exactly the results of
 * trials 1..n-parallelism (it waits for them), so with a trial budget and a seed the trials and
 * their order do not depend on which trial happens to finish first.
 * An exception thrown by the executor (not a failed trial: a crash) stops the search and is
 * rethrown once the trials in flight have ended.
 */
public final class SearchEngine {
  private static final Logger LOG = LoggerFactory.getLogger(SearchEngine.class);

  private final TrialProposer proposer;
  private final SearchBudget budget;
  private final int parallelism;
  private final TrialLog log;
  private final Metric metric;

  private final Map<Integer, TrialResult> finished = new HashMap<>();
  private Throwable crash;
  private int running;

  public SearchEngine(TrialProposer proposer, SearchBudget budget, int parallelism, TrialLog log,
      Metric metric) {
    this.proposer = proposer;
    this.budget = budget;
    this.parallelism = parallelism;
    this.log = log;
    this.metric = metric;
  }

  /** Every result (failed trials included), in trial order. */
  public List<TrialResult> run(Function<TrialSpec, TrialResult> executor) {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "lakeml-trial");
      t.setDaemon(true);
      return t;
    });
    // The time budget covers the search and what follows, not the reading, intake and fold
    // preparation before it (on a busy machine those alone exceeded a 60 s budget, and the run
    // failed with no trial at all).
    budget.startClock();
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
          launch(pool, spec, executor, progress);
        }
        number++;
      }
      awaitIdle();
    } finally {
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

  private void launch(ExecutorService pool, TrialSpec spec,
      Function<TrialSpec, TrialResult> executor, Progress progress) {
    synchronized (this) {
      running++;
    }
    pool.submit(() -> {
      try {
        complete(executor.apply(spec), progress, true);
      } catch (Throwable t) {
        synchronized (this) {
          if (crash == null) {
            crash = t;
          }
          running--;
          notifyAll();
        }
      }
    });
  }

  private void complete(TrialResult result, Progress progress, boolean fresh) {
    if (fresh) {
      log.append(result);
    }
    synchronized (this) {
      finished.put(result.spec().number(), result);
      if (fresh) {
        running--;
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
    while (running > 0) {
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
