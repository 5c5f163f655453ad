package io.lakeml.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lakeml.config.ConfigLoader;
import io.lakeml.config.PrepSettings;
import io.lakeml.config.Settings;
import io.lakeml.intake.Intake;
import io.lakeml.intake.IntakeResult;
import io.lakeml.lake.PinnedTable;
import io.lakeml.lake.TableRef;
import io.lakeml.prep.FeaturePipeline;
import io.lakeml.split.FoldAssigner;
import io.lakeml.testing.SparkTest;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fold statistics must come from the training folds only. Fold 0's rows are built so that any
 * statistic that saw them would differ: x is about 1000 there and about 1 elsewhere; category
 * "h" is always positive there and never elsewhere.
 */
@ExtendWith(SparkTest.class)
class PreparedFoldsTest {

  @Test
  void validationRowsNeverInfluenceTheirOwnPreprocessing() {
    Dataset<Row> data = SparkTest.spark().sql("SELECT id, "
        + "IF(id % 10 = 3, NULL, IF(id % 2 = 0, 1000 + id % 7, 1 + id % 7)) AS x, "
        + "IF(id % 5 = 0, 'h', CONCAT('v', CAST(id % 60 AS STRING))) AS cat, "
        + "IF(id % 5 = 0, IF(id % 2 = 0, 'p', 'n'), IF(id % 3 = 0, 'p', 'n')) AS y "
        + "FROM range(400)");
    Settings s = Settings.from(ConfigLoader.load(List.of(), List.of("lakeml.label.column=y",
        "lakeml.label.positive-class=p", "lakeml.intake.columns.cat=high-cardinality",
        "lakeml.intake.leakage.action=warn")));
    IntakeResult in = new Intake(s.input(), s.label(), s.intake(), s.split())
        .run(new PinnedTable(TableRef.path("/t"), 0, data));
    Dataset<Row> training = in.data().selectExpr("*", "false AS " + FoldAssigner.HOLDOUT,
        "CAST(id % 2 AS INT) AS " + FoldAssigner.FOLD);
    PrepSettings noSmoothing = new PrepSettings(true, 0.0, true, 0.0,
        PrepSettings.ClassWeights.OFF, 0.2);
    try (PreparedFolds folds = PreparedFolds.prepare(FeaturePipeline.build(in, noSmoothing, java.util.Optional.empty()),
        training, 2)) {
      Dataset<Row> valid0 = folds.folds().get(0).valid();
      // Layout: [x missing, x imputed, cat target-encoded]
      for (Row r : valid0.collectAsList()) {
        Vector v = r.getAs(FeaturePipeline.FEATURES);
        if (v.apply(0) == 1.0) {
          assertEquals(4.0, v.apply(1), "null x imputed with the median of fold 1 (1..7)");
        }
      }
      // Rows of category h in fold 0 (ids divisible by 10): encoded with fold 1's rate, 0.
      List<Row> h = valid0.where("_lakeml_label = 1.0").collectAsList();
      double hEncoding = h.stream().map(r -> ((Vector) r.getAs(FeaturePipeline.FEATURES))
          .apply(2)).min(Double::compare).orElseThrow();
      assertEquals(0.0, hEncoding, 1e-9, "category h is never positive in fold 1");
      assertEquals(200, folds.folds().get(0).validRows());
    }

    // Clipping bounds come from fold 1 only: fold 0's values near 1000 are clipped to <= 7.
    PrepSettings clip = new PrepSettings(false, 0.05, true, 0.0, PrepSettings.ClassWeights.OFF,
        0.2);
    try (PreparedFolds folds = PreparedFolds.prepare(FeaturePipeline.build(in, clip,
        java.util.Optional.empty()), training, 2)) {
      double max = folds.folds().get(0).valid().collectAsList().stream()
          .mapToDouble(r -> ((Vector) r.getAs(FeaturePipeline.FEATURES)).apply(0)).max()
          .orElseThrow();
      assertEquals(7.0, max, 1e-9, "x clipped to fold 1's upper quantile");
    }
  }
}
