package io.lakeml.pipeline;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import io.lakeml.lake.LakePaths;
import io.lakeml.lake.RunTableWriter;
import io.lakeml.search.TrialResult;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** The run's rows in automl/trials, automl/leaderboard and automl/runs (written in that order:
 * a runs row means the run is complete). Each write replaces this run's rows only. */
final class RunTables {
  static final StructType TRIALS = new StructType()
      .add("run_id", StringType, false).add("trial_id", StringType, false)
      .add("trial_number", IntegerType, false).add("family", StringType, false)
      .add("params_json", StringType, false).add("seed", LongType, false)
      .add("metric", StringType, false).add("cv_mean", DoubleType).add("cv_std", DoubleType)
      .add("fold_metrics", createArrayType(DoubleType, false))
      .add("fit_seconds", DoubleType).add("predict_seconds", DoubleType)
      .add("status", StringType, false).add("error", StringType)
      .add("finished_at", TimestampType).add("fraction", DoubleType)
      .add("wall_seconds", DoubleType);

  static final StructType LEADERBOARD = new StructType()
      .add("run_id", StringType, false).add("rank", IntegerType, false)
      .add("trial_id", StringType, false).add("family", StringType, false)
      .add("params_json", StringType, false).add("metric", StringType, false)
      .add("cv_mean", DoubleType).add("cv_std", DoubleType)
      .add("fold_metrics", createArrayType(DoubleType, false)).add("holdout_value", DoubleType)
      .add("is_best", BooleanType, false).add("fit_seconds", DoubleType)
      .add("predict_seconds", DoubleType);

  static final StructType RUNS = new StructType()
      .add("run_id", StringType, false).add("name", StringType).add("status", StringType)
      .add("started_at", TimestampType).add("finished_at", TimestampType)
      .add("input_ref", StringType).add("input_version", LongType)
      .add("label", StringType).add("task", StringType)
      .add("classes", createArrayType(StringType)).add("rows_read", LongType)
      .add("rows_dropped_null_label", LongType).add("rows_train", LongType)
      .add("rows_holdout", LongType).add("folds", IntegerType).add("metric", StringType)
      .add("best_trial_id", StringType).add("best_family", StringType)
      .add("best_params_json", StringType).add("cv_mean", DoubleType).add("cv_std", DoubleType)
      .add("holdout_metrics", createMapType(StringType, DoubleType))
      .add("model_path", StringType).add("seed", LongType).add("git_sha", StringType)
      .add("lakeml_version", StringType).add("spark_version", StringType)
      .add("config_json", StringType);

  private final SparkSession spark;
  private final LakePaths lake;
  private final RunTableWriter writer;

  RunTables(SparkSession spark, LakePaths lake) {
    this.spark = spark;
    this.lake = lake;
    this.writer = new RunTableWriter(spark);
  }

  /** One automl/trials row. */
  static Row trialRow(String runId, TrialResult r) {
    return RowFactory.create(runId, r.spec().id(), r.spec().number(), r.spec().family().id(),
        r.spec().paramsJson(), r.spec().seed(), r.metric(), nan(r.mean()), nan(r.std()),
        scala(r.foldMetrics()), r.fitSeconds(), r.predictSeconds(),
        r.succeeded() ? "SUCCEEDED" : "FAILED", r.error(), Timestamp.from(r.finishedAt()),
        r.spec().fraction(), r.wallSeconds());
  }

  /** Replaces the run's trials with exactly these (rows of abandoned attempts go). */
  void writeTrials(String runId, List<TrialResult> results) {
    List<Row> rows = results.stream().map(r -> trialRow(runId, r)).toList();
    writer.replaceRun(lake.trials(), runId, spark.createDataFrame(rows, TRIALS));
  }

  /** Candidates best first; holdout values where measured (the winner always). */
  void writeLeaderboard(String runId, String metric, List<Candidate> ranked, Candidate winner,
      Map<String, Double> holdout) {
    List<Row> rows = new ArrayList<>();
    int rank = 0;
    for (Candidate c : ranked) {
      rows.add(RowFactory.create(runId, ++rank, c.id(), c.family(), c.paramsJson(),
          metric, nan(c.mean()), nan(c.std()), scala(c.foldMetrics()),
          holdout.get(c.id()), c == winner, c.fitSeconds(), c.predictSeconds()));
    }
    writer.replaceRun(lake.leaderboard(), runId, spark.createDataFrame(rows, LEADERBOARD));
  }

  void writeRun(RunSummary s) {
    Row row = RowFactory.create(s.runId(), s.name(), s.status(), Timestamp.from(s.startedAt()),
        Timestamp.from(s.finishedAt()), s.inputRef(), s.inputVersion(), s.label(), s.task(),
        scala(s.classes()), s.rowsRead(), s.rowsDroppedNullLabel(), s.rowsTrain(),
        s.rowsHoldout(), s.folds(), s.metric(), s.bestTrialId(), s.bestFamily(),
        s.bestParamsJson(), s.cvMean(), nan(s.cvStd()), scalaMap(s.holdoutMetrics()),
        s.modelPath(), s.seed(), s.gitSha(), s.lakemlVersion(), s.sparkVersion(),
        s.configJson());
    writer.replaceRun(lake.runs(), s.runId(), spark.createDataFrame(List.of(row), RUNS));
  }

  private static Double nan(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static <T> scala.collection.immutable.Seq<T> scala(List<T> list) {
    return scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
  }

  private static <K, V> scala.collection.Map<K, V> scalaMap(Map<K, V> map) {
    return scala.jdk.javaapi.CollectionConverters.asScala(map);
  }
}
