package io.lakeml.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.PrepSettings;
import io.lakeml.config.Task;
import io.lakeml.intake.LabelInfo;
import io.lakeml.testing.SparkTest;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class ClassWeightsTest {
  private static final LabelInfo IMBALANCED = new LabelInfo("y", Task.BINARY,
      List.of("no", "yes"), Map.of("no", 900L, "yes", 100L));
  private static final LabelInfo BALANCED = new LabelInfo("y", Task.BINARY,
      List.of("no", "yes"), Map.of("no", 600L, "yes", 400L));

  private static PrepSettings weights(PrepSettings.ClassWeights mode) {
    return new PrepSettings(true, 0.0, true, 20, mode, 0.2);
  }

  @Test
  void autoWeighsOnlyImbalancedClassesSoEachClassWeighsTheSame() {
    Column w = ClassWeights.column(IMBALANCED, weights(PrepSettings.ClassWeights.AUTO))
        .orElseThrow();
    List<Double> byClass = SparkTest.spark().sql("SELECT CAST(id AS DOUBLE) AS _lakeml_label "
        + "FROM range(2)").select(w).as(org.apache.spark.sql.Encoders.DOUBLE()).collectAsList();
    assertEquals(1000.0 / (2 * 900), byClass.get(0), 1e-12);
    assertEquals(1000.0 / (2 * 100), byClass.get(1), 1e-12);
    assertEquals(900 * byClass.get(0), 100 * byClass.get(1), 1e-9);
    assertTrue(ClassWeights.column(BALANCED, weights(PrepSettings.ClassWeights.AUTO)).isEmpty());
    assertTrue(ClassWeights.column(BALANCED, weights(PrepSettings.ClassWeights.ON)).isPresent());
    assertTrue(ClassWeights.column(IMBALANCED, weights(PrepSettings.ClassWeights.OFF)).isEmpty());
    assertTrue(ClassWeights.column(new LabelInfo("y", Task.REGRESSION, List.of(), Map.of()),
        weights(PrepSettings.ClassWeights.ON)).isEmpty());
  }

  @Test
  void weightedFamiliesTrainOnTheWeightColumn() {
    org.apache.spark.ml.Estimator<?> rf = io.lakeml.search.ModelFamily.RANDOM_FOREST
        .estimator(new io.lakeml.search.ModelContext(Task.BINARY, 2, true), Map.of(), 1,
            io.lakeml.search.Outputs.STANDARD);
    assertEquals(ClassWeights.COLUMN, rf.getOrDefault(rf.getParam("weightCol")));
    org.apache.spark.ml.Estimator<?> lr = io.lakeml.search.ModelFamily.LOGISTIC_REGRESSION
        .estimator(new io.lakeml.search.ModelContext(Task.BINARY, 2, false), Map.of(), 1,
            io.lakeml.search.Outputs.STANDARD);
    assertTrue(!lr.isSet(lr.getParam("weightCol")));
  }
}
