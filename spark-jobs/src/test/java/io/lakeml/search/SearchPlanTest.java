package io.lakeml.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.LakemlException;
import io.lakeml.config.RunSettings;
import io.lakeml.config.SearchSettings;
import io.lakeml.config.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchPlanTest {
  private static final Map<String, Map<String, List<Object>>> SPACES = Map.of(
      "logistic_regression", Map.of("regParam", List.of(0.01, 0.1, 1.0),
          "elasticNetParam", List.of(0.0, 0.5)),
      "random_forest", Map.of("numTrees", List.of(20, 50), "maxDepth", List.of(4, 8, 12)),
      "linear_regression", Map.of("regParam", List.of(0.0, 0.1)));

  private static SearchPlan plan(List<String> families, int maxTrials, long seed, Task task,
      Map<String, Map<String, List<Object>>> spaces) {
    return SearchPlan.of(new SearchSettings(families, maxTrials, 2, "auto", spaces), task,
        new RunSettings("r", "n", seed));
  }

  private static SearchPlan plan(int maxTrials, long seed) {
    return plan(List.of("logistic_regression", "random_forest"), maxTrials, seed, Task.BINARY,
        SPACES);
  }

  @Test
  void portfolioDefaultsFirstThenInterleavedAndCut() {
    SearchPlan p = plan(5, 1);
    assertEquals(5, p.trials().size());
    assertEquals(Map.of("elasticNetParam", 0.0, "regParam", 0.01), p.trials().get(0).params());
    assertEquals(Map.of("maxDepth", 4, "numTrees", 20), p.trials().get(1).params());
    assertEquals(List.of("logistic_regression", "random_forest", "logistic_regression",
        "random_forest", "logistic_regression"),
        p.trials().stream().map(t -> t.family().id()).toList());
    assertEquals("t001", p.trials().get(0).id());
  }

  @Test
  void wholeGridWhenTheBudgetAllowsAndNoRepeats() {
    SearchPlan p = plan(100, 1);
    assertEquals(6 + 6, p.trials().size());
    assertEquals(12, p.trials().stream().map(t -> t.family() + "" + t.params()).distinct().count());
  }

  @Test
  void sameSeedSamePlanOtherSeedOtherOrder() {
    assertEquals(plan(8, 7).trials(), plan(8, 7).trials());
    assertNotEquals(plan(12, 7).trials().stream().map(TrialSpec::params).toList(),
        plan(12, 8).trials().stream().map(TrialSpec::params).toList());
  }

  @Test
  void familiesThatDoNotFitTheTaskAreSkipped() {
    SearchPlan p = plan(List.of("logistic_regression", "random_forest", "linear_regression"), 50,
        1, Task.REGRESSION, SPACES);
    assertEquals(java.util.Set.of("random_forest", "linear_regression"),
        p.trials().stream().map(t -> t.family().id()).collect(java.util.stream.Collectors.toSet()));
    LakemlException e = assertThrows(LakemlException.class, () -> plan(
        List.of("logistic_regression"), 5, 1, Task.REGRESSION, SPACES));
    assertEquals("Invalid lakeml.search.families: [logistic_regression] (none of these families "
        + "fits a regression task)", e.getMessage());
  }

  @Test
  void badFamiliesParametersAndValuesFailBeforeAnyWork() {
    assertEquals("Invalid lakeml.search.families: \"xgboost\" (unknown model family; known: "
        + "[logistic_regression, linear_regression, random_forest])",
        assertThrows(LakemlException.class, () -> plan(List.of("xgboost"), 5, 1, Task.BINARY,
            SPACES)).getMessage());
    assertEquals("Invalid lakeml.search.space.random_forest: RandomForestClassifier has no "
        + "parameter numTree", assertThrows(LakemlException.class, () -> plan(
            List.of("random_forest"), 5, 1, Task.BINARY,
            Map.of("random_forest", Map.of("numTree", List.of(5))))).getMessage());
    String e = assertThrows(LakemlException.class, () -> plan(List.of("random_forest"), 5, 1,
        Task.BINARY, Map.of("random_forest", Map.of("maxDepth", List.of(-1))))).getMessage();
    assertTrue(e.startsWith("Invalid lakeml.search.space.random_forest: RandomForestClassifier "
        + "rejects maxDepth = -1"), e);
    e = assertThrows(LakemlException.class, () -> plan(List.of("random_forest"), 5, 1,
        Task.BINARY, Map.of("random_forst", Map.of("maxDepth", List.of(3))))).getMessage();
    assertTrue(e.startsWith("Invalid lakeml.search.space.random_forst: \"random_forst\" (unknown"),
        e);
  }
}
