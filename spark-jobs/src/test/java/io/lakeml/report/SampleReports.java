package io.lakeml.report;

import io.lakeml.report.ReportData.EvalPoint;
import io.lakeml.report.ReportData.LeaderRow;
import io.lakeml.report.ReportData.ProfileRow;
import io.lakeml.report.ReportData.TrialPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Synthetic report data: a binary run and a regression run, no Spark. */
final class SampleReports {
  static final String EVIL_COLUMN = "<script>alert('x')</script>";
  static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");

  private SampleReports() {}

  static RunInfo run(String task, String metric) {
    return new RunInfo("r-1", "credit_demo", "SUCCEEDED", T0, T0.plusSeconds(240),
        "/lake/datasets/credit", 3L, "status", task, metric, "t-002", "gbt",
        "{\"maxDepth\":5,\"stepSize\":0.1}", 0.83, 0.01, Map.of(metric, 0.84),
        "/lake/models/credit_demo/r-1", "abc1234", "0.1.0-SNAPSHOT", "4.1.0");
  }

  static ReportData binary() {
    List<EvalPoint> e = new ArrayList<>();
    for (int rank = 1; rank <= 3; rank++) {
      e.add(point(rank, "metric", 0, "areaUnderROC", null, null, null, null, 0.9 - rank / 100.0,
          null));
      e.add(point(rank, "metric", 1, "logLoss", null, null, null, null, 0.4, null));
    }
    double[][] roc = {{0, 0}, {0.1, 0.5}, {0.3, 0.8}, {1, 1}};
    double[][] pr = {{0, 1}, {0.5, 0.9}, {0.8, 0.7}, {1, 0.5}};
    for (int i = 0; i < roc.length; i++) {
      e.add(point(1, "roc", i, null, null, null, roc[i][0], roc[i][1], 1.0 - i / 4.0, null));
      e.add(point(1, "pr", i, null, null, null, pr[i][0], pr[i][1], 1.0 - i / 4.0, null));
    }
    for (int i = 0; i < 10; i++) {
      e.add(point(1, "calibration", i, String.format(java.util.Locale.ROOT, "0.%d-0.%d", i,
          i + 1), null, null, i / 10.0 + 0.05, i / 10.0 + 0.03, null, 40L));
    }
    String[][] cells = {{"good", "good", "300"}, {"good", "bad", "40"}, {"bad", "good", "50"},
        {"bad", "bad", "110"}};
    for (int i = 0; i < cells.length; i++) {
      e.add(point(1, "confusion", i, null, cells[i][0], cells[i][1], null, null, null,
          Long.parseLong(cells[i][2])));
    }
    e.add(point(1, "threshold", 0, "threshold", null, "f1", null, null, 0.42, null));
    e.add(point(1, "threshold", 1, "precision", null, null, null, null, 0.81, null));
    e.add(point(1, "threshold", 2, "recall", null, null, null, null, 0.77, null));
    importance(e);
    return data(run("binary", "areaUnderROC"), e, new double[] {0.80, 0.78, 0.83, 0.82});
  }

  static ReportData regression() {
    List<EvalPoint> e = new ArrayList<>();
    e.add(point(1, "metric", 0, "rmse", null, null, null, null, 1.5, null));
    String[] items = {"mean", "std", "mae", "rmse", "p50"};
    for (int i = 0; i < items.length; i++) {
      e.add(point(1, "residuals", i, items[i], null, null, null, null, 0.1 * (i + 1), null));
    }
    for (int i = 0; i < 10; i++) {
      e.add(point(1, "residual_bins", i, "d" + i, null, null, 10.0 + i, (i % 3) - 1.0, null,
          30L));
    }
    importance(e);
    return data(run("regression", "rmse"), e, new double[] {2.0, 1.8, 1.9, 1.5});
  }

  private static void importance(List<EvalPoint> e) {
    String[] features = {"income", EVIL_COLUMN, "age", "debt"};
    for (int i = 0; i < features.length; i++) {
      e.add(point(1, "importance", i, features[i], null, null, null, null, 0.4 - 0.1 * i, null));
    }
  }

  private static ReportData data(RunInfo run, List<EvalPoint> evals, double[] cv) {
    List<ProfileRow> profiles = List.of(
        new ProfileRow("income", 0, "double", "numeric", "feature", true, "350 distinct values",
            0.01, 350L, 1234.5, "0", "9000"),
        new ProfileRow(EVIL_COLUMN, 1, "string", "categorical", "feature", true, "12 categories",
            0.0, 12L, null, "a", "z"),
        new ProfileRow("id", 2, "int", "identifier", "feature", false, "identifier", 0.0, 4454L,
            null, "1", "4454"),
        new ProfileRow("status", 3, "string", "categorical", "label", null, "the label", 0.0,
            2L, null, "bad", "good"));
    List<LeaderRow> leaders = List.of(
        new LeaderRow(1, "t-002", "gbt", "{}", run.metric(), cv[2], 0.01, List.of(0.82, 0.84),
            0.84, true, 3.2, 0.4),
        new LeaderRow(2, "t-003", "random_forest", "{}", run.metric(), cv[3], 0.02,
            List.of(0.81, 0.83), 0.83, false, 2.1, 0.3),
        new LeaderRow(3, "t-001", "logistic_regression", "{}", run.metric(), cv[0], 0.02,
            List.of(0.79, 0.81), 0.80, false, 1.0, 0.1));
    List<TrialPoint> trials = new ArrayList<>();
    for (int i = 0; i < cv.length; i++) {
      trials.add(new TrialPoint("t-00" + (i + 1), "gbt", "SUCCEEDED", cv[i],
          T0.plusSeconds(10L * (i + 1)), i == 1 ? 0.33 : 1.0));
    }
    trials.add(new TrialPoint("t-005", "gbt", "FAILED", null, T0.plusSeconds(60), 1.0));
    return new ReportData(run, profiles, leaders, trials, evals,
        "{\n  \"git_sha\" : \"abc1234\",\n  \"note\" : \"<b>\"\n}");
  }

  private static EvalPoint point(int rank, String section, int seq, String item, String actual,
      String predicted, Double x, Double y, Double value, Long count) {
    String[] families = {"gbt", "random_forest", "logistic_regression"};
    return new EvalPoint("t-00" + (rank + 1), families[rank - 1], rank, rank == 1, section, seq,
        item, actual, predicted, x, y, value, count);
  }
}
