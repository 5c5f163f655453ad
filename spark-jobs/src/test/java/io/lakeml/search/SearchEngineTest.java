package io.lakeml.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.RunSettings;
import io.lakeml.config.SearchSettings;
import io.lakeml.config.Task;
import io.lakeml.evaluate.Metric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The search engine on a synthetic objective (no Spark): ordering, reproducibility, budgets,
 * resume, halving and the strategies through the engine. */
class SearchEngineTest {
  private static final ModelContext CTX = new ModelContext(Task.BINARY, 2, false);
  private static final Map<String, SearchSpace> SPACES = Map.of(
      "logistic_regression", new SearchSpace(Map.of(
          "regParam", new Domain.Range(1e-4, 1, true, false))),
      "random_forest", new SearchSpace(Map.of(
          "maxDepth", new Domain.Range(2, 14, false, true))));
  private static final Map<String, List<Map<String, Object>>> PORTFOLIO = Map.of(
      "logistic_regression", List.of(Map.of("regParam", 0.1)),
      "random_forest", List.of(Map.of("maxDepth", 3)));

  /** Known optimum: logistic regression at regParam 0.01 (0.90); forests peak at depth 8. */
  static double quality(TrialSpec spec) {
    if (spec.family() == ModelFamily.LOGISTIC_REGRESSION) {
      double d = Math.log10(((Number) spec.params().get("regParam")).doubleValue()) + 2;
      return 0.90 - 0.01 * d * d;
    }
    int depth = ((Number) spec.params().get("maxDepth")).intValue();
    return 0.85 - 0.005 * Math.abs(depth - 8);
  }

  static TrialResult evaluate(TrialSpec spec) {
    double q = quality(spec) - 0.02 * (1 - spec.fraction());
    return TrialResult.success(spec, "areaUnderROC", List.of(q - 0.001, q, q + 0.001), 3.0,
        0.3, 1.0);
  }

  static SearchSettings settings(List<String> families, String strategy, boolean portfolio,
      int maxTrials, double seconds, int parallelism) {
    return new SearchSettings(families, strategy, portfolio, maxTrials, seconds, 2.0,
        parallelism, "auto", 3,
        new SearchSettings.Halving(SearchSettings.Halving.Mode.OFF, 0, 0.1, 3),
        new SearchSettings.Ensemble(true, 5), 1, SPACES, PORTFOLIO);
  }

  static List<TrialResult> search(SearchSettings s, long seed, TrialLog log,
      Function<TrialSpec, TrialResult> executor, Optional<Halving> halving, SearchBudget budget) {
    TrialProposer proposer = new TrialProposer(s, CTX, Metric.AREA_UNDER_ROC,
        new RunSettings("r", "n", seed), halving);
    return new SearchEngine(proposer, budget, s.parallelism(), log, Metric.AREA_UNDER_ROC)
        .run(executor::apply);
  }

  static List<TrialResult> search(SearchSettings s, long seed, TrialLog log,
      Function<TrialSpec, TrialResult> executor) {
    return search(s, seed, log, executor, Optional.empty(),
        new SearchBudget(s.maxTrials(), 0, 2.0, 1, 3, System::nanoTime));
  }

  static String trace(List<TrialResult> results) {
    StringBuilder out = new StringBuilder();
    results.forEach(r -> out.append(r.spec().id()).append(' ').append(r.spec().family().id())
        .append(' ').append(r.spec().paramsJson()).append(' ').append(r.mean()).append('\n'));
    return out.toString();
  }

  @Test
  void portfolioFirstThenSampledTrials() {
    List<TrialResult> r = search(settings(List.of("logistic_regression", "random_forest"),
        "random", true, 6, 0, 1), 1, TrialLog.NONE, SearchEngineTest::evaluate);
    assertEquals(6, r.size());
    assertEquals(Map.of("regParam", 0.1), r.get(0).spec().params());
    assertEquals(Map.of("maxDepth", 3), r.get(1).spec().params());
    assertEquals(6, r.stream().map(x -> x.spec().family() + x.spec().paramsJson()).distinct()
        .count(), "no configuration twice");
    assertTrue(r.stream().skip(2).anyMatch(x -> x.spec().family() == ModelFamily.RANDOM_FOREST));
  }

  @Test
  void sameSeedAndTrialBudgetGiveTheSameTrialsWhateverOrderTheyFinishIn() {
    SearchSettings s = settings(List.of("logistic_regression", "random_forest"), "tpe", true, 24,
        0, 3);
    Random jitter = new Random();
    Function<TrialSpec, TrialResult> slowAndUneven = spec -> {
      try {
        Thread.sleep(jitter.nextInt(15));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return evaluate(spec);
    };
    String first = trace(search(s, 42, TrialLog.NONE, slowAndUneven));
    String second = trace(search(s, 42, TrialLog.NONE, slowAndUneven));
    assertEquals(first, second);
    String otherSeed = trace(search(s, 43, TrialLog.NONE, slowAndUneven));
    assertFalse(first.equals(otherSeed), "another seed draws other configurations");
  }

  @Test
  void tpeThroughTheEngineFindsTheKnownOptimum() {
    SearchSettings s = settings(List.of("logistic_regression"), "tpe", false, 30, 0, 2);
    List<TrialResult> r = search(s, 5, TrialLog.NONE, SearchEngineTest::evaluate);
    TrialResult best = Collections.max(r, java.util.Comparator.comparingDouble(
        TrialResult::mean));
    double reg = ((Number) best.spec().params().get("regParam")).doubleValue();
    assertTrue(Math.abs(Math.log10(reg) + 2) < 0.25, "best regParam " + reg);
  }

  @Test
  void timeBudgetStopsLaunchingWhenTheRefitWouldNotFit() {
    AtomicLong clock = new AtomicLong();
    SearchSettings s = settings(List.of("logistic_regression", "random_forest"), "random", true,
        100, 100, 1);
    SearchBudget budget = new SearchBudget(100, 100, 2.0, 2, 3, clock::get);
    Function<TrialSpec, TrialResult> tenSeconds = spec -> {
      clock.addAndGet(10_000_000_000L);
      return TrialResult.success(spec, "areaUnderROC", List.of(quality(spec)), 6.0, 0.1, 10.0);
    };
    List<TrialResult> r = search(s, 1, TrialLog.NONE, tenSeconds, Optional.empty(), budget);
    // Each trial takes 10 s; the reserve is 2 x (6 s / 3 folds x 3/2) for 2 families = 12 s.
    double reserve = budget.reserve(r);
    assertEquals(12.0, reserve, 1e-9);
    assertTrue(budget.elapsedSeconds() + reserve <= 100, budget.elapsedSeconds() + " + "
        + reserve);
    assertEquals(8, r.size(), "8 trials x 10 s + 12 s reserve fit 100 s; a 9th would not");
  }

  @Test
  void aBudgetSpentByAFailedTrialStillGivesOneModel() {
    // The first trial failed after 200 s of a 100 s budget: the search must still end with a
    // model (before the fix it stopped with 0 successes and the run failed), and stop after the
    // first success.
    AtomicLong clock = new AtomicLong();
    SearchSettings s = settings(List.of("logistic_regression", "random_forest"), "random", true,
        100, 100, 1);
    SearchBudget budget = new SearchBudget(100, 100, 2.0, 2, 3, clock::get);
    AtomicLong calls = new AtomicLong();
    Function<TrialSpec, TrialResult> firstFails = spec -> {
      boolean first = calls.incrementAndGet() == 1;
      clock.addAndGet(first ? 200_000_000_000L : 10_000_000_000L);
      return first
          ? TrialResult.failure(spec, "areaUnderROC", new IllegalStateException("boom"), 1.0,
              200.0)
          : TrialResult.success(spec, "areaUnderROC", List.of(quality(spec)), 6.0, 0.1, 10.0);
    };
    List<TrialResult> r = search(s, 1, TrialLog.NONE, firstFails, Optional.empty(), budget);
    assertEquals(2, r.size(), "a failed trial, then one success, then the budget stops it");
    assertTrue(r.get(1).succeeded());
  }

  @Test
  void timeBudgetCountsFromTheSearchNotFromWhatCameBefore() {
    AtomicLong clock = new AtomicLong();
    SearchSettings s = settings(List.of("logistic_regression", "random_forest"), "random", true,
        100, 60, 1);
    SearchBudget budget = new SearchBudget(100, 60, 2.0, 2, 3, clock::get);
    // Reading, intake and fold preparation took 200 s, more than the whole budget.
    clock.addAndGet(200_000_000_000L);
    Function<TrialSpec, TrialResult> tenSeconds = spec -> {
      clock.addAndGet(10_000_000_000L);
      return TrialResult.success(spec, "areaUnderROC", List.of(quality(spec)), 6.0, 0.1, 10.0);
    };
    List<TrialResult> r = search(s, 1, TrialLog.NONE, tenSeconds, Optional.empty(), budget);
    // From the search's start: 4 trials x 10 s + 12 s reserve fit 60 s; a 5th would not.
    assertEquals(4, r.size());
    assertEquals(40.0, budget.elapsedSeconds(), 1e-9);
  }

  @Test
  void trialsStillRunningWhenTheBudgetIsSpentAreStoppedOnceOneHasSucceeded() {
    // Two trials at once on a 30 s budget. t001 ends at 40 s, past the budget; t002 would run
    // until stopped. While t001 runs nothing is stopped (no trial has succeeded yet: a run must
    // end with a model); once it has succeeded, t002 is stopped and no third trial starts.
    AtomicLong clock = new AtomicLong();
    SearchSettings s = settings(List.of("logistic_regression", "random_forest"), "random", true,
        10, 30, 2);
    SearchBudget budget = new SearchBudget(10, 30, 2.0, 1, 3, clock::get);
    CountDownLatch secondStarted = new CountDownLatch(1);
    CountDownLatch stopAsked = new CountDownLatch(1);
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    TrialRunner runner = new TrialRunner() {
      @Override
      public TrialResult apply(TrialSpec spec) {
        if (spec.number() == 1) {
          await(secondStarted, 30);
          clock.addAndGet(40_000_000_000L);
          sleep(1000); // four of the engine's budget checks with the budget spent
          events.add("t001 succeeded");
          return TrialResult.success(spec, "areaUnderROC", List.of(quality(spec)), 6.0, 0.1,
              40.0);
        }
        events.add(spec.id() + " started");
        secondStarted.countDown();
        if (await(stopAsked, 60)) {
          return TrialResult.stopped(spec, "areaUnderROC", "by the test", 1.0, 40.0);
        }
        return TrialResult.success(spec, "areaUnderROC", List.of(quality(spec)), 6.0, 0.1, 60.0);
      }

      @Override
      public boolean stop(TrialSpec spec, String reason) {
        events.add(spec.id() + " stop: " + reason);
        stopAsked.countDown();
        return true;
      }
    };
    MemoryLog log = new MemoryLog();
    List<TrialResult> r = new SearchEngine(new TrialProposer(s, CTX, Metric.AREA_UNDER_ROC,
        new RunSettings("r", "n", 1), Optional.empty()), budget, 2, log,
        Metric.AREA_UNDER_ROC).run(runner);
    assertEquals(2, r.size(), "no third trial once the budget is spent: " + events);
    assertTrue(r.get(0).succeeded());
    assertTrue(r.get(1).wasStopped(), "t002 ran to its end: it was never stopped " + events);
    assertEquals(List.of("t002 started", "t001 succeeded",
        "t002 stop: the time budget of 30s was spent (40.0s into the search, 6.0s kept for the "
            + "refit)"), events);
    assertEquals(Set.of(1), log.rows.keySet(), "a stopped trial is not logged: a rerun runs it");
  }

  @Test
  void onlyASuccessOnAllRowsCountsAsTheModelARunMustEndWith() {
    // A successive-halving trial on a ninth of the rows is no candidate: with only that, the
    // budget neither stops nor refuses the trials that could give the run its model.
    AtomicLong clock = new AtomicLong();
    SearchBudget budget = new SearchBudget(10, 30, 2.0, 1, 3, clock::get);
    clock.addAndGet(100_000_000_000L);
    TrialResult partial = TrialResult.success(new TrialSpec(1, ModelFamily.RANDOM_FOREST,
        Map.of("maxDepth", 3), 1, 1 / 9.0), "areaUnderROC", List.of(0.8), 1.0, 0.1, 2.0);
    TrialSpec full = new TrialSpec(2, ModelFamily.RANDOM_FOREST, Map.of("maxDepth", 5), 2);
    assertFalse(budget.spent(List.of(partial)));
    assertTrue(budget.allows(full, List.of(partial)));
    List<TrialResult> both = List.of(partial, TrialResult.success(full, "areaUnderROC",
        List.of(0.8), 3.0, 0.1, 4.0));
    assertTrue(budget.spent(both));
    assertFalse(budget.allows(new TrialSpec(3, ModelFamily.RANDOM_FOREST, Map.of("maxDepth", 7),
        3), both));
  }

  private static boolean await(CountDownLatch latch, int seconds) {
    try {
      return latch.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void rerunAfterACrashReusesLoggedTrialsAndDuplicatesNothing() {
    SearchSettings s = settings(List.of("logistic_regression", "random_forest"), "tpe", true, 12,
        0, 2);
    MemoryLog log = new MemoryLog();
    Function<TrialSpec, TrialResult> crashing = spec -> {
      if (spec.number() == 7) {
        throw new IllegalStateException("simulated crash (kill -9) in trial 7");
      }
      return evaluate(spec);
    };
    IllegalStateException crash = assertThrows(IllegalStateException.class,
        () -> search(s, 9, log, crashing));
    assertTrue(crash.getMessage().contains("simulated crash"));
    Set<Integer> logged = new HashSet<>(log.rows.keySet());
    assertTrue(logged.size() >= 6 && !logged.contains(7), "logged " + logged);

    Set<Integer> executed = ConcurrentHashMap.newKeySet();
    List<TrialResult> resumed = search(s, 9, log, spec -> {
      executed.add(spec.number());
      return evaluate(spec);
    });
    Set<Integer> overlap = new HashSet<>(executed);
    overlap.retainAll(logged);
    assertTrue(overlap.isEmpty(), "re-executed logged trials " + overlap);
    assertEquals(12, resumed.size());
    assertEquals(12, log.appends, "every trial appended exactly once over both attempts");
    assertEquals(trace(search(s, 9, TrialLog.NONE, SearchEngineTest::evaluate)), trace(resumed),
        "the resumed search is the uninterrupted one");
  }

  @Test
  void successiveHalvingPromotesTheBestOfEachRungToAllRows() {
    SearchSettings s = settings(List.of("random_forest"), "random", false, 13, 0, 2);
    Halving halving = new Halving(0.1, 3);
    assertEquals(List.of(1 / 9.0, 1 / 3.0, 1.0), halving.fractions());
    List<TrialResult> r = search(s, 3, TrialLog.NONE, SearchEngineTest::evaluate,
        Optional.of(halving), new SearchBudget(13, 0, 2.0, 1, 3, System::nanoTime));
    assertEquals(13, r.size());
    List<TrialResult> rung0 = r.subList(0, 9);
    List<TrialResult> rung1 = r.subList(9, 12);
    TrialResult top = r.get(12);
    assertTrue(rung0.stream().allMatch(x -> x.spec().fraction() == 1 / 9.0));
    assertTrue(rung1.stream().allMatch(x -> x.spec().fraction() == 1 / 3.0));
    assertTrue(top.spec().full());
    Set<Map<String, Object>> bestThird = new HashSet<>(rung0.stream()
        .sorted(java.util.Comparator.comparingDouble(TrialResult::mean).reversed()).limit(3)
        .map(x -> x.spec().params()).toList());
    assertEquals(bestThird, new HashSet<>(rung1.stream().map(x -> x.spec().params()).toList()),
        "the best third of rung 0 goes up");
    assertEquals(Collections.max(rung1, java.util.Comparator.comparingDouble(TrialResult::mean))
        .spec().params(), top.spec().params());
    double bestQuality = rung0.stream().mapToDouble(x -> quality(x.spec())).max().orElseThrow();
    assertEquals(bestQuality, quality(top.spec()), 1e-12,
        "the configuration fitted on all rows is the best drawn");
  }

  /** A TrialLog in memory, counting appends. */
  static final class MemoryLog implements TrialLog {
    final Map<Integer, TrialResult> rows = new ConcurrentHashMap<>();
    volatile int appends;

    @Override
    public Optional<TrialResult> recorded(TrialSpec spec) {
      TrialResult r = rows.get(spec.number());
      return r != null && r.spec().equals(spec) ? Optional.of(r) : Optional.empty();
    }

    @Override
    public synchronized void append(TrialResult result) {
      appends++;
      rows.put(result.spec().number(), result);
    }
  }
}
