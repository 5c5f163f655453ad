package io.lakeml.bench;

import io.lakeml.config.Settings;
import io.lakeml.evaluate.Metric;
import io.lakeml.jobs.SparkSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One data set of the quality suite in one JVM and one Spark session: the training split is
 * imported into the lake (not timed), then both sides run one after the other in the given
 * order, each timed by wall clock, each test split scored and measured by {@link TestMetric};
 * the outcome is appended to the results CSV. A side that fails is recorded with its error and
 * the other side still runs.
 *
 * <pre>
 * QualityBench --data bench/data/out --dataset glass --budget 120s --work DIR
 *     --results results.csv [--order lakeml-first | baseline-first]
 * </pre>
 */
public final class QualityBench {
  private static final Logger LOG = LoggerFactory.getLogger(QualityBench.class);
  static final List<String> OPTIONS = List.of("data", "dataset", "budget", "work", "results",
      "order");

  private QualityBench() {}

  public static void main(String[] args) {
    Map<String, String> opts = options(args);
    BenchDataset dataset = Manifest.read(Path.of(opts.get("data"))).dataset(opts.get("dataset"));
    String order = opts.getOrDefault("order", "lakeml-first");
    if (!order.equals("lakeml-first") && !order.equals("baseline-first")) {
      throw new IllegalArgumentException("--order is " + order
          + ", expected lakeml-first or baseline-first");
    }
    Path work = Path.of(opts.get("work")).toAbsolutePath().resolve(dataset.name());
    QualityResult result = run(dataset, opts.get("budget"), order, work);
    append(Path.of(opts.get("results")), result);
    LOG.info("{}: lakeml {} in {} s, baseline {} in {} s ({} ratio {}; goal met: {})",
        dataset.name(), QualityResult.num(result.lakemlMetric(), 4),
        QualityResult.num(result.lakemlSeconds(), 1),
        QualityResult.num(result.baselineMetric(), 4),
        QualityResult.num(result.baselineSeconds(), 1), result.metric(),
        QualityResult.num(result.timeRatio(), 2), QualityResult.yesNo(result.goalMet()));
  }

  static QualityResult run(BenchDataset dataset, String budget, String order, Path work) {
    Metric metric = TestMetric.of(dataset);
    Settings settings = LakemlSide.settings(dataset, work.resolve("lake"),
        "bench-" + dataset.name(), budget);
    SparkSession spark = SparkSessions.getOrCreate(settings, "bench " + dataset.name());
    try {
      LakemlSide lakeml = new LakemlSide(spark);
      double importSeconds = lakeml.importTraining(settings);
      Side lakemlSide = new Side();
      Side baselineSide = new Side();
      Runnable runLakeml = () -> runLakeml(lakeml, settings, dataset, lakemlSide);
      Runnable runBaseline = () -> runBaseline(spark, dataset, work, baselineSide);
      if (order.equals("lakeml-first")) {
        runLakeml.run();
        runBaseline.run();
      } else {
        runBaseline.run();
        runLakeml.run();
      }
      return new QualityResult(dataset.name(), dataset.task().id(), dataset.trainRows(),
          dataset.testRows(), metric.id(), metric.largerIsBetter(), budget, order,
          lakemlSide.metric, lakemlSide.seconds, lakemlSide.winner, lakemlSide.cv,
          lakemlSide.trials, importSeconds, lakemlSide.error, baselineSide.metric,
          baselineSide.seconds, baselineSide.winner, baselineSide.details, baselineSide.error,
          lakemlSide.cpuSeconds, baselineSide.cpuSeconds, lakemlSide.load, baselineSide.load);
    } finally {
      spark.stop();
    }
  }

  /** What one side produced, or its error. */
  private static final class Side {
    Double metric;
    Double seconds;
    Double cpuSeconds;
    String load;
    String winner;
    Double cv;
    Long trials;
    String details;
    String error;
  }

  private static void runLakeml(LakemlSide lakeml, Settings settings, BenchDataset dataset,
      Side side) {
    SideClock clock = new SideClock();
    try {
      LakemlSide.Run run = lakeml.automl(settings);
      SideClock.Taken taken = clock.stop();
      side.seconds = run.seconds();
      side.cpuSeconds = taken.cpuSeconds();
      side.load = taken.load();
      side.winner = run.summary().bestFamily();
      side.cv = run.summary().cvMean();
      side.trials = lakeml.trials(settings, run);
      side.metric = TestMetric.compute(lakeml.predictions(run, dataset), dataset.task(),
          dataset.positiveClass());
    } catch (RuntimeException e) {
      side.error = describe(e);
      LOG.error("lakeml failed on " + dataset.name(), e);
    }
  }

  private static void runBaseline(SparkSession spark, BenchDataset dataset, Path work,
      Side side) {
    HandWrittenBaseline baseline = new HandWrittenBaseline(spark, BaselineGrid.ISSUE_9);
    SideClock clock = new SideClock();
    try {
      HandWrittenBaseline.Fitted fitted = baseline.fit(dataset, work.resolve("baseline-model"));
      SideClock.Taken taken = clock.stop();
      side.seconds = fitted.seconds();
      side.cpuSeconds = taken.cpuSeconds();
      side.load = taken.load();
      side.winner = fitted.winner();
      side.details = fitted.families().stream().map(f -> String.format(Locale.ROOT,
          "%s CV %.4f (%s) %.1f s", f.family(), f.cvMetric(), f.bestParams(), f.seconds()))
          .collect(Collectors.joining("; "));
      side.metric = TestMetric.compute(baseline.predictions(fitted, dataset), dataset.task(),
          dataset.positiveClass());
    } catch (RuntimeException e) {
      side.error = describe(e);
      LOG.error("The baseline failed on " + dataset.name(), e);
    }
  }

  /**
   * On one line: the exception and its top frame, then its root cause, where that was thrown
   * and the first lakeml frame of the root cause's stack.
   */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    StringBuilder out = new StringBuilder(e.toString().strip()).append(top(e));
    if (root != e) {
      out.append("; root cause: ").append(root.toString().strip()).append(top(root));
      for (StackTraceElement f : root.getStackTrace()) {
        if (f.getClassName().startsWith("io.lakeml.")) {
          out.append(" (in lakeml at ").append(f).append(')');
          break;
        }
      }
    }
    return out.toString();
  }

  private static String top(Throwable e) {
    StackTraceElement[] frames = e.getStackTrace();
    return frames.length == 0 ? "" : " at " + frames[0];
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || !OPTIONS.contains(a.substring(2))) {
        throw new IllegalArgumentException("Unknown argument " + a + "; options: --"
            + String.join(" --", OPTIONS));
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      out.put(a.substring(2), args[++i]);
    }
    for (String required : List.of("data", "dataset", "budget", "work", "results")) {
      if (!out.containsKey(required)) {
        throw new IllegalArgumentException("Missing --" + required);
      }
    }
    return out;
  }

  /** Appends the result, writing the header first when the file is new or empty. */
  static void append(Path results, QualityResult result) {
    try {
      if (results.getParent() != null) {
        Files.createDirectories(results.getParent());
      }
      StringBuilder text = new StringBuilder();
      if (!Files.exists(results) || Files.size(results) == 0) {
        text.append(CsvLine.format(QualityResult.COLUMNS)).append('\n');
      }
      text.append(CsvLine.format(result.row())).append('\n');
      Files.writeString(results, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to " + results, e);
    }
  }
}
