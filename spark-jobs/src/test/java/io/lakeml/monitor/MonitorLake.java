package io.lakeml.monitor;

import io.lakeml.evaluate.EvaluationTable;
import io.lakeml.evaluate.EvaluationTable.Evaluation;
import io.lakeml.evaluate.EvaluationTable.Point;
import io.lakeml.intake.ProfileTable;
import io.lakeml.lake.LakePaths;
import io.lakeml.registry.ModelInfo;
import io.lakeml.registry.ModelRegistry;
import io.lakeml.registry.RegistryEntry;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A small lake for monitor tests: binary model "churn" trained by run train-1 on a numeric
 * feature (amount, uniform on [0, 100), 2% nulls) and a categorical one (color: red 50%, green
 * 30%, blue 15%, purple 5%), its profile, holdout prediction distribution (uniform P(positive)),
 * model.json, and a predictions table with one scoring run per case.
 */
final class MonitorLake {
  static final String MODEL = "churn";
  static final String TRAIN_RUN = "train-1";
  static final double HOLDOUT_AUC = 0.9;
  static final int ROWS = 300;
  static final StructType PREDICTIONS = StructType.fromDDL("id BIGINT, amount DOUBLE,"
      + " color STRING, label STRING, run_id STRING, prediction DOUBLE, predicted_label STRING,"
      + " probability ARRAY<DOUBLE>, score DOUBLE, decision STRING, model_name STRING,"
      + " model_version INT, model_run_id STRING, scored_at TIMESTAMP, input_ref STRING,"
      + " input_version BIGINT");

  private MonitorLake() {}

  static LakePaths create(SparkSession spark, String root) {
    LakePaths lake = new LakePaths(root);
    ModelInfo info = new ModelInfo(ModelInfo.FORMAT, MODEL, TRAIN_RUN, "binary", "label",
        List.of("no", "yes"), "areaUnderROC", Map.of("areaUnderROC", HOLDOUT_AUC), 0.5, "f1",
        List.of(new ModelInfo.Feature("amount", "double", "numeric"),
            new ModelInfo.Feature("color", "string", "categorical")), "trial-1", "gbt", null);
    ModelInfo.write(spark, lake.model(MODEL, TRAIN_RUN), ModelInfo.FILE, info.toJson());
    // The scoring rows name version 2: the registry maps it to the training run's folder.
    ModelRegistry registry = new ModelRegistry(spark, lake.registry());
    for (String run : List.of("an-older-run", TRAIN_RUN)) {
      java.time.Instant now = java.time.Instant.now();
      registry.register(new RegistryEntry(MODEL, 0, run, lake.model(MODEL, run), "binary",
          "areaUnderROC", HOLDOUT_AUC, HOLDOUT_AUC, Map.of(), "t", 0L,
          RegistryEntry.Stage.CANDIDATE, now, now, null, null));
    }
    spark.createDataFrame(profiles(), ProfileTable.SCHEMA).write().format("delta")
        .save(lake.profiles());
    EvaluationTable.rows(spark, TRAIN_RUN, List.of(
        new Evaluation("c1", "gbt", 1, true, dist(b -> 100L)),
        new Evaluation("c2", "random_forest", 2, false, dist(b -> b == 0 ? 1000L : 0L))))
        .write().format("delta").save(lake.evaluations());
    List<Row> rows = new ArrayList<>();
    rows.addAll(run("score-ok", "2026-01-02 00:00:00", i -> amount(i), i -> color(i), true));
    rows.addAll(run("score-shift", "2026-01-05 00:00:00", i -> amount(i) == null ? null
        : amount(i) + 50, i -> color(i), false));
    rows.addAll(run("score-newcat", "2026-01-03 00:00:00", i -> amount(i),
        i -> i % 10 < 7 ? "magenta" : color(i), false));
    rows.addAll(run("score-poor", "2026-01-04 00:00:00", i -> amount(i), i -> color(i), false));
    List<Row> mixed = run("score-mixed", "2026-01-01 00:00:00", i -> amount(i), i -> color(i),
        false);
    for (int i = 0; i < mixed.size(); i += 2) {
      Row r = mixed.get(i);
      Object[] v = new Object[r.size()];
      for (int k = 0; k < v.length; k++) {
        v[k] = r.get(k);
      }
      v[11] = 1;
      v[12] = "train-0";
      mixed.set(i, RowFactory.create(v));
    }
    rows.addAll(mixed);
    spark.createDataFrame(rows, PREDICTIONS).write().format("delta").save(lake.predictions(MODEL));
    return lake;
  }

  /** The labels table for score-poor: ids 0..199 labelled the opposite of the score. */
  static void poorLabels(SparkSession spark, String path) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(RowFactory.create((long) i, score(i) > 0.5 ? "no" : "yes"));
    }
    spark.createDataFrame(rows, StructType.fromDDL("id BIGINT, label STRING")).write()
        .format("delta").save(path);
  }

  /** Row i of a run: amount spread evenly over [0, 100) with every 50th null. */
  static Double amount(int i) {
    return i % 50 == 0 ? null : (i + 0.5) * 100.0 / ROWS;
  }

  /** red 50%, green 30%, blue 15%, purple 5% (in blocks of 20). */
  static String color(int i) {
    int k = i % 20;
    return k < 10 ? "red" : k < 16 ? "green" : k < 19 ? "blue" : "purple";
  }

  /** P(positive), uniform over (0, 1) and unrelated to the features. */
  static double score(int i) {
    return ((i * 7L) % ROWS + 0.5) / ROWS;
  }

  private static List<Row> run(String runId, String at, IntFunction<Double> amount,
      IntFunction<String> color, boolean goodLabels) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      double s = score(i);
      String decision = s > 0.5 ? "yes" : "no";
      rows.add(RowFactory.create((long) i, amount.apply(i), color.apply(i),
          goodLabels ? decision : null, runId, s > 0.5 ? 1.0 : 0.0, decision,
          seq(List.of(1 - s, s)), s, decision, MODEL, 2, TRAIN_RUN, Timestamp.valueOf(at),
          "datasets/churn_new", 7L));
    }
    return rows;
  }

  /** Training: 1000 rows drawn as the scoring rows are, so the profile matches them. */
  private static List<Row> profiles() {
    int n = 1000;
    List<Double> edges = List.of(10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0);
    long[] histogram = new long[edges.size() + 1];
    long nulls = 0;
    for (int i = 0; i < n; i++) {
      if (i % 50 == 0) {
        nulls++;
        continue;
      }
      double v = (i + 0.5) * 100.0 / n;
      histogram[(int) edges.stream().filter(e -> e < v).count()]++;
    }
    List<Long> hist = new ArrayList<>();
    for (long h : histogram) {
      hist.add(h);
    }
    List<Row> top = List.of(RowFactory.create("red", 500L), RowFactory.create("green", 300L),
        RowFactory.create("blue", 150L));
    Timestamp at = Timestamp.valueOf("2025-12-01 00:00:00");
    return List.of(
        profile(TRAIN_RUN, "id", 0, "bigint", "identifier", "feature", false, n, 0, null, null,
            null, at),
        profile(TRAIN_RUN, "amount", 1, "double", "numeric", "feature", true, n, nulls, edges,
            hist, null, at),
        profile(TRAIN_RUN, "color", 2, "string", "categorical", "feature", true, n, 0, null,
            null, top, at),
        profile(TRAIN_RUN, "label", 3, "string", "label", "label", false, n, 0, null, null,
            List.of(RowFactory.create("yes", 500L), RowFactory.create("no", 500L)), at),
        // Another run's profile of the same column: must not be mixed in.
        profile("train-0", "color", 2, "string", "categorical", "feature", true, n, 0, null,
            null, List.of(RowFactory.create("magenta", 1000L)), at));
  }

  private static Row profile(String runId, String column, int position, String type,
      String semantic, String role, boolean kept, long rows, long nulls, List<Double> edges,
      List<Long> histogram, List<Row> top, Timestamp at) {
    return RowFactory.create(runId, column, position, type, semantic, role, kept, "test", rows,
        nulls, nulls / (double) rows, null, null, null, null, null, null, seq(edges),
        seq(histogram), seq(top), role.equals("feature") ? rows : null,
        role.equals("feature") ? nulls : null, null, null, null, "datasets/churn", 3L, at);
  }

  private static List<Point> dist(IntFunction<Long> count) {
    List<Point> out = new ArrayList<>();
    long total = 0;
    for (int b = 0; b < 10; b++) {
      total += count.apply(b);
    }
    for (int b = 0; b < 10; b++) {
      double lo = b / 10.0;
      double hi = (b + 1) / 10.0;
      out.add(Point.xy("prediction_dist", b, String.format(Locale.ROOT, "%.1f-%.1f", lo, hi), lo,
          hi, count.apply(b) / (double) total, count.apply(b)));
    }
    return out;
  }

  private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return list == null ? null : CollectionConverters.asScala(list).toList();
  }
}
