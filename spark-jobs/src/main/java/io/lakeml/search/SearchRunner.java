package io.lakeml.search;

import io.lakeml.config.Task;
import io.lakeml.evaluate.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the planned trials, several at once from a driver thread pool so that small data keeps
 * every core busy. Each trial's Spark jobs go to the FAIR pool "lakeml-trials" and carry the
 * trial's name as job description (visible in the Spark UI). Logs one progress line per trial.
 */
public final class SearchRunner {
  public static final String POOL = "lakeml-trials";
  private static final Logger LOG = LoggerFactory.getLogger(SearchRunner.class);

  private final SparkSession spark;
  private final int parallelism;
  private final Task task;
  private final Metric metric;
  private final boolean weighted;

  /** weighted: models train on the class weight column. */
  public SearchRunner(SparkSession spark, int parallelism, Task task, Metric metric,
      boolean weighted) {
    this.spark = spark;
    this.parallelism = parallelism;
    this.task = task;
    this.metric = metric;
    this.weighted = weighted;
  }

  /** All results, in trial order; failed trials are kept with their error. */
  public List<TrialResult> run(SearchPlan plan, PreparedFolds folds) {
    int total = plan.trials().size();
    Progress progress = new Progress(total, metric);
    TrialRunner runner = new TrialRunner(task, metric, weighted);
    SparkContext sc = spark.sparkContext();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, total), r -> {
      Thread t = new Thread(r, "lakeml-trial");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<TrialResult>> futures = new ArrayList<>();
      for (TrialSpec spec : plan.trials()) {
        futures.add(pool.submit(() -> {
          sc.setLocalProperty("spark.scheduler.pool", POOL);
          sc.setJobDescription("lakeml trial " + spec.id() + " (" + spec.number() + "/" + total
              + "): " + spec.describe());
          try {
            TrialResult result = runner.run(spec, folds);
            progress.report(result);
            return result;
          } finally {
            sc.setJobDescription(null);
          }
        }));
      }
      List<TrialResult> results = new ArrayList<>();
      for (Future<TrialResult> f : futures) {
        results.add(f.get());
      }
      results.sort(Comparator.comparingInt(r -> r.spec().number()));
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("search interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a trial crashed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The best successful trial; fails when every trial failed. */
  public static TrialResult best(List<TrialResult> results, Metric metric) {
    TrialResult best = null;
    for (TrialResult r : results) {
      if (r.succeeded() && !Double.isNaN(r.mean())
          && (best == null || metric.better(r.mean(), best.mean()))) {
        best = r;
      }
    }
    if (best == null) {
      throw new IllegalStateException("All " + results.size() + " trials failed; first error: "
          + (results.isEmpty() ? "none" : results.get(0).error()));
    }
    return best;
  }

  /** Thread-safe progress lines: n/total, this trial, best so far, elapsed. */
  private static final class Progress {
    private final int total;
    private final Metric metric;
    private final long start = System.nanoTime();
    private int done;
    private TrialResult best;

    Progress(int total, Metric metric) {
      this.total = total;
      this.metric = metric;
    }

    synchronized void report(TrialResult r) {
      done++;
      if (r.succeeded() && (best == null || metric.better(r.mean(), best.mean()))) {
        best = r;
      }
      String outcome = r.succeeded()
          ? String.format(Locale.ROOT, "%s=%.4f ±%.4f (fit %.1fs)", metric.id(), r.mean(),
              r.std(), r.fitSeconds())
          : "FAILED: " + r.error();
      String bestText = best == null ? "none yet" : String.format(Locale.ROOT, "%.4f (%s)",
          best.mean(), best.spec().id());
      LOG.info(String.format(Locale.ROOT, "[trial %d/%d] %s %s %s | best %s | elapsed %.1fs",
          done, total, r.spec().id(), r.spec().describe(), outcome, bestText,
          (System.nanoTime() - start) / 1e9));
    }
  }
}
