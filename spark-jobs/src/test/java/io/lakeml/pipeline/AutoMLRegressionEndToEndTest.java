package io.lakeml.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.jobs.AutoMLJob;
import io.lakeml.testing.SparkTest;
import io.lakeml.testing.TestData;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A regression run end to end, with successive halving (its own class: a test fork each). */
@ExtendWith(SparkTest.class)
class AutoMLRegressionEndToEndTest {
  @TempDir
  Path dir;

  private Dataset<Row> table(String name) {
    return AutoMLEndToEndTest.table(dir, name);
  }

  @Test
  void regressionRun() {
    SparkSession spark = SparkTest.spark();
    String data = TestData.delta(TestData.regression(spark, 400, 5), dir.resolve("reg")
        .toString());
    RunSummary s = AutoMLJob.run(spark, AutoMLEndToEndTest.settings(dir, data, "y",
        "lakeml.run.id=reg1",
        "lakeml.search.families=[linear_regression, random_forest]",
        "lakeml.search.max-trials=6", "lakeml.search.halving.mode=on",
        "lakeml.search.halving.min-fraction=0.3", "lakeml.search.halving.eta=3"));
    assertEquals("regression", s.task());
    assertEquals("rmse", s.metric());
    assertEquals("linear_regression", table("leaderboard")
        .where("family != 'stacked_ensemble'").orderBy("rank").first().getAs("family"),
        "the truth is linear");
    assertTrue(s.holdoutMetrics().get("r2") > 0.9, s.holdoutMetrics().toString());
    // Portfolio (2 trials on all rows), then a halving bracket: 3 configurations on a third of
    // each fold's training rows, the best of them again on all rows.
    List<Row> trials = table("trials").orderBy("trial_number").collectAsList();
    assertEquals(List.of(1.0, 1.0, 1 / 3.0, 1 / 3.0, 1 / 3.0, 1.0), trials.stream()
        .map(r -> r.<Double>getAs("fraction")).toList());
    Row bestOfRung = trials.subList(2, 5).stream().min(java.util.Comparator.comparingDouble(
        r -> r.<Double>getAs("cv_mean"))).orElseThrow();
    assertEquals(bestOfRung.<String>getAs("params_json"), trials.get(5).getAs("params_json"));
    assertEquals(bestOfRung.<String>getAs("family"), trials.get(5).getAs("family"));
    assertEquals(3, table("leaderboard").count(), "2 families and the ensemble");
    List<String> sections = table("evaluations").where("is_best").select("section").distinct()
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertTrue(sections.containsAll(List.of("residuals", "residual_bins", "prediction_dist",
        "importance")) && !sections.contains("roc"), sections.toString());
  }
}
