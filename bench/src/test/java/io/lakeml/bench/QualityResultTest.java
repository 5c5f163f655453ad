package io.lakeml.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityResultTest {
  private static QualityResult result(String metric, boolean largerIsBetter, Double lakeml,
      double lakemlSeconds, Double baseline, double baselineSeconds, String error) {
    return new QualityResult("d", "regression", 100, 30, metric, largerIsBetter, "120s",
        "lakeml-first", lakeml, lakemlSeconds, "gbt", 0.5, 12L, 3.0, error, baseline,
        baselineSeconds, "random_forest", "random_forest CV 0.5 (numTrees=50, maxDepth=5) 9 s",
        null, 50.0, 100.0, "3.1 to 2.0", "2.0 to 2.5");
  }

  @Test
  void goalsFollowTheMetricsDirectionAndTheThirdOfTheTime() {
    QualityResult rmseBetterAndFast = result("rmse", false, 2.0, 30, 2.5, 90, null);
    assertEquals(-0.5, rmseBetterAndFast.difference(), 1e-12);
    assertTrue(rmseBetterAndFast.metricGoal());
    assertTrue(rmseBetterAndFast.timeGoal());
    assertTrue(rmseBetterAndFast.goalMet());
    QualityResult rmseWorse = result("rmse", false, 2.6, 30, 2.5, 90, null);
    assertFalse(rmseWorse.metricGoal());
    QualityResult aucEqualButSlow = result("areaUnderROC", true, 0.9, 31, 0.9, 90, null);
    assertTrue(aucEqualButSlow.metricGoal());
    assertFalse(aucEqualButSlow.timeGoal());
    assertFalse(aucEqualButSlow.goalMet());
    QualityResult failed = result("areaUnderROC", true, null, 31, 0.9, 90, "boom");
    assertNull(failed.goalMet());
  }

  @Test
  void rowsSurviveTheCsvAndMakeTheMarkdownTable(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("results.csv");
    QualityBench.append(csv, result("rmse", false, 2.0, 30, 2.5, 90, null));
    QualityBench.append(csv, result("rmse", false, null, 30, 2.5, 90,
        "java.lang.IllegalStateException: a, \"quoted\"\nmessage at X.y(X.java:1)"));
    assertEquals(3, Files.readAllLines(csv).size());
    List<Map<String, String>> rows = ResultsReport.read(csv);
    assertEquals("java.lang.IllegalStateException: a, \"quoted\" message at X.y(X.java:1)",
        rows.get(1).get("lakeml_error"));
    assertEquals("-0.500000", rows.get(0).get("difference"));
    String md = ResultsReport.markdown(rows, List.of("Machine: 2 cores"));
    assertTrue(md.contains("| d | regression | 100 / 30 | rmse (lower is better) | 2.0000 | "
        + "2.5000 | -0.5000 | 30.0 | 90.0 | 0.33 | yes | yes | yes |"), md);
    assertTrue(md.contains("| failed | 2.5000 |"), md);
    assertTrue(md.contains("| 50.0 / 100.0 (0.50) | 3.1 to 2.0; 2.0 to 2.5 |"), md);
    assertTrue(md.contains("metric at least the baseline's on 1; lakeml's wall time at most 1/3 "
        + "of the baseline's on 2; both on 1."), md);
  }

  @Test
  void failuresAreDescribedWithTheirRootCauseOnOneLine() {
    Exception e = new IllegalStateException("wrapped", new RuntimeException("outer",
        new IllegalArgumentException("No such struct field w")));
    String d = QualityBench.describe(e);
    assertTrue(d.startsWith("java.lang.IllegalStateException: wrapped at io.lakeml.bench."
        + "QualityResultTest.failuresAreDescribedWithTheirRootCauseOnOneLine"), d);
    assertTrue(d.contains("; root cause: java.lang.IllegalArgumentException: No such struct "
        + "field w at io.lakeml.bench.QualityResultTest"), d);
    assertFalse(d.contains("\n"), d);
  }

  @Test
  void csvLinesQuoteCommasAndQuotes() {
    List<String> fields = List.of("a", "b,c", "say \"hi\"", "");
    assertEquals("a,\"b,c\",\"say \"\"hi\"\"\",", CsvLine.format(fields));
    assertEquals(fields, CsvLine.parse(CsvLine.format(fields)));
  }
}
