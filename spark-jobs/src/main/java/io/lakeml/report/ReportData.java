package io.lakeml.report;

import io.lakeml.lake.LakePaths;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Everything one run's report shows, as plain records (no Spark types) so that rendering is
 * testable without Spark: the runs row, the column profiles, the leaderboard, the trials, the
 * holdout evaluations of the leaderboard's top entries and the winner's provenance.json.
 *
 * @param provenance provenance.json of the chosen model, pretty-printed; null when absent
 */
public record ReportData(RunInfo run, List<ProfileRow> profiles, List<LeaderRow> leaderboard,
    List<TrialPoint> trials, List<EvalPoint> evaluations, String provenance) {

  /** One automl/profiles row: an input column, what intake found and decided. */
  public record ProfileRow(String column, Integer position, String dataType, String semanticType,
      String role, Boolean kept, String reason, Double nullShare, Long distinct, Double mean,
      String min, String max) {}

  /** One automl/leaderboard row. */
  public record LeaderRow(int rank, String trialId, String family, String paramsJson,
      String metric, Double cvMean, Double cvStd, List<Double> foldMetrics, Double holdoutValue,
      boolean best, Double fitSeconds, Double predictSeconds) {
    public LeaderRow {
      foldMetrics = foldMetrics == null ? List.of() : List.copyOf(foldMetrics);
    }
  }

  /** One automl/trials row, as the search progress chart needs it. */
  public record TrialPoint(String trialId, String family, String status, Double cvMean,
      Instant finishedAt, Double fraction) {}

  /** One automl/evaluations row (see io.lakeml.evaluate.EvaluationTable for the sections). */
  public record EvalPoint(String candidateId, String family, int rank, boolean best,
      String section, int seq, String item, String actual, String predicted, Double x, Double y,
      Double value, Long count) {}

  public ReportData {
    profiles = List.copyOf(profiles);
    leaderboard = leaderboard.stream().sorted(Comparator.comparingInt(LeaderRow::rank)).toList();
    trials = List.copyOf(trials);
    evaluations = List.copyOf(evaluations);
  }

  /** Reads the run's rows of every table; the runs row must exist (else LakemlException). */
  public static ReportData load(SparkSession spark, LakePaths lake, String runId) {
    return new ReportTables(spark, lake).load(runId);
  }

  /** As {@link #load(SparkSession, LakePaths, String)} with the runs row given in memory. */
  public static ReportData load(SparkSession spark, LakePaths lake, String runId, RunInfo run) {
    return new ReportTables(spark, lake).load(runId, run);
  }

  /** The points of one section of the best model's evaluation, in seq order. */
  public List<EvalPoint> best(String section) {
    return evaluations.stream().filter(p -> p.best() && p.section().equals(section))
        .sorted(Comparator.comparingInt(EvalPoint::seq)).toList();
  }

  /** The points of one section of the evaluated candidate of this rank, in seq order. */
  public List<EvalPoint> ofRank(int rank, String section) {
    return evaluations.stream().filter(p -> p.rank() == rank && p.section().equals(section))
        .sorted(Comparator.comparingInt(EvalPoint::seq)).toList();
  }

  /** Ranks of the evaluated candidates other than the best, ascending. */
  public List<Integer> otherEvaluatedRanks() {
    return evaluations.stream().filter(p -> !p.best()).map(EvalPoint::rank).distinct().sorted()
        .toList();
  }
}
