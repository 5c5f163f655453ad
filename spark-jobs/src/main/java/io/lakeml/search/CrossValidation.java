package io.lakeml.search;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.lakeml.evaluate.Metric;
import io.lakeml.intake.LabelInfo;
import io.lakeml.prep.ClassWeights;
import io.lakeml.split.FoldAssigner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Cross-validates one trial on the prepared folds: K fits (on the trial's fraction of each fold's
 * training rows), K scored validation folds, one metric value per fold. Its Spark jobs go to the
 * FAIR pool {@link #POOL}, in a job group of their own, and carry the trial as job description
 * (visible in the Spark UI). A trial on all rows offers its out-of-fold predictions to the
 * {@link OutOfFold} store. {@link #stop} cancels a running trial's job group, its running and
 * future jobs, and the trial ends as a stopped one ({@link TrialResult#stopped}), unless all its
 * folds were scored already.
 * Errors thrown as RuntimeException (MLlib's argument and state checks) become a failed trial;
 * anything else propagates (a crash of the search).
 */
public final class CrossValidation implements TrialRunner {
  public static final String POOL = "lakeml-trials";
  /** Prefix of the trials' Spark job groups. */
  public static final String JOB_GROUP = "lakeml-trial-";

  private final SparkSession spark;
  private final PreparedFolds folds;
  private final ModelContext ctx;
  private final Metric metric;
  private final OutOfFold oof;
  private final FitClock fits;
  /** Running trials by number: their job group, and the reason once asked to stop. */
  private final Map<Integer, Running> running = new ConcurrentHashMap<>();

  private static final class Running {
    final String group;
    volatile String stopReason;

    Running(String group) {
      this.group = group;
    }
  }

  public CrossValidation(SparkSession spark, PreparedFolds folds, ModelContext ctx, Metric metric,
      OutOfFold oof) {
    this(spark, folds, ctx, metric, oof, new FitClock());
  }

  /** fits: where the fits' wall time is counted (the run's overhead is measured against it). */
  public CrossValidation(SparkSession spark, PreparedFolds folds, ModelContext ctx, Metric metric,
      OutOfFold oof, FitClock fits) {
    this.spark = spark;
    this.folds = folds;
    this.ctx = ctx;
    this.metric = metric;
    this.oof = oof;
    this.fits = fits;
  }

  @Override
  public TrialResult apply(TrialSpec spec) {
    SparkContext sc = spark.sparkContext();
    sc.setLocalProperty("spark.scheduler.pool", POOL);
    // A group per execution: a cancelled group also cancels its future jobs, for good.
    Running trial = new Running(JOB_GROUP + spec.id() + "-" + UUID.randomUUID());
    running.put(spec.number(), trial);
    sc.setJobGroup(trial.group, "lakeml trial " + spec.id() + ": " + spec.describe(), false);
    try {
      Scored scored = run(spec, trial);
      if (scored.predictions() != null) {
        oof.offer(scored.result(), scored.predictions());
      }
      return scored.result();
    } finally {
      running.remove(spec.number(), trial);
      sc.clearJobGroup();
    }
  }

  @Override
  public boolean stop(TrialSpec spec, String reason) {
    Running trial = running.get(spec.number());
    if (trial == null || trial.stopReason != null) {
      return false;
    }
    trial.stopReason = reason;
    spark.sparkContext().cancelJobGroupAndFutureJobs(trial.group, TrialResult.STOPPED + reason);
    return true;
  }

  /**
   * A trial's out-of-fold predictions: kept from the search if it is its family's best, else
   * (e.g. a trial reused from an earlier attempt) recomputed by cross-validating it again.
   */
  public OutOfFold.Entry predictionsOf(TrialResult result) {
    return oof.of(result).orElseGet(() -> {
      Scored again = run(result.spec(), null);
      if (again.predictions() == null) {
        throw new IllegalStateException("Trial " + result.spec().id() + " failed when rerun for "
            + "its out-of-fold predictions: " + again.result().error());
      }
      return new OutOfFold.Entry(result, again.predictions());
    });
  }

  private record Scored(TrialResult result, Dataset<Row> predictions) {}

  /** trial: the running trial when it can be stopped, else null. */
  private Scored run(TrialSpec spec, Running trial) {
    Evaluator evaluator = metric.evaluator(spec.family().probabilistic(ctx.task()));
    List<Double> values = new ArrayList<>();
    List<Dataset<Row>> predictions = new ArrayList<>();
    double fitSeconds = 0;
    double predictSeconds = 0;
    long start = System.nanoTime();
    boolean cutShort = false;
    try {
      for (PreparedFolds.Fold fold : folds.folds()) {
        if (stopAsked(trial)) {
          cutShort = true;
          break;
        }
        Dataset<Row> train = spec.full() ? fold.train()
            : fold.train().where(col(FoldAssigner.SAMPLE).lt(spec.fraction()));
        long t0 = System.nanoTime();
        Model<?> model = fits.time(() -> (Model<?>) spec.family().estimator(ctx, spec.params(),
            spec.seed(), Outputs.STANDARD).fit(train));
        long t1 = System.nanoTime();
        Dataset<Row> scored = model.transform(fold.valid());
        values.add(evaluator.evaluate(scored));
        fitSeconds += (t1 - t0) / 1e9;
        predictSeconds += (System.nanoTime() - t1) / 1e9;
        if (spec.full()) {
          predictions.add(outOfFold(scored, fold.index(), spec.family()));
        }
      }
    } catch (Exception e) {
      // A stopped trial's cancelled job throws SparkException (checked, undeclared by Scala);
      // without a stop, any other checked exception is rethrown as it is.
      if (!stopAsked(trial)) {
        if (!(e instanceof RuntimeException)) {
          throw e;
        }
        return new Scored(TrialResult.failure(spec, metric.id(), e, fitSeconds,
            (System.nanoTime() - start) / 1e9), null);
      }
      cutShort = true;
    }
    if (cutShort) {
      return new Scored(TrialResult.stopped(spec, metric.id(), trial.stopReason, fitSeconds,
          (System.nanoTime() - start) / 1e9), null);
    }
    TrialResult result = TrialResult.success(spec, metric.id(), values, fitSeconds,
        predictSeconds, (System.nanoTime() - start) / 1e9);
    return new Scored(result, spec.full() && result.succeeded()
        ? predictions.stream().reduce(Dataset::unionByName).orElseThrow() : null);
  }

  private static boolean stopAsked(Running trial) {
    return trial != null && trial.stopReason != null;
  }

  /** Row id, fold, label, weight (if any) and the model's score column(s). */
  private Dataset<Row> outOfFold(Dataset<Row> scored, int fold, ModelFamily family) {
    List<Column> cols = new ArrayList<>(List.of(col(FoldAssigner.ROW),
        lit(fold).as(FoldAssigner.FOLD), col(LabelInfo.INDEXED)));
    if (List.of(scored.columns()).contains(ClassWeights.COLUMN)) {
      cols.add(col(ClassWeights.COLUMN));
    }
    cols.add(col(OutOfFold.scoreColumn(family, ctx.task(), Outputs.STANDARD))
        .as(OutOfFold.SCORE));
    return scored.select(cols.toArray(Column[]::new));
  }
}
