package io.lakeml.search;

import io.lakeml.config.LakemlException;
import io.lakeml.config.RunSettings;
import io.lakeml.config.SearchSettings;
import io.lakeml.evaluate.Metric;
import io.lakeml.search.strategy.Observation;
import io.lakeml.search.strategy.Sampler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Decides trial after trial, deterministically: the same finished results give the same next
 * trial. Order: the portfolio (each family's known-good configurations, families interleaved),
 * then configurations drawn by the sampler (random or TPE) for the best few families, either
 * directly on all rows or through successive-halving brackets on growing samples.
 * The engine passes only results it is sure of (see {@link SearchEngine}), never timing.
 */
public final class TrialProposer {
  /** What to do next. */
  public sealed interface Next {
    /** Launch this trial. */
    record Launch(TrialSpec spec) implements Next {}

    /** Call again once these trials have finished. */
    record Await(Set<Integer> numbers) implements Next {}

    /** Nothing left to try. */
    record Done() implements Next {}
  }

  private final List<ModelFamily> families;
  private final Map<ModelFamily, SearchSpace> spaces = new LinkedHashMap<>();
  private final Deque<Map.Entry<ModelFamily, Map<String, Object>>> portfolio = new ArrayDeque<>();
  private final Sampler sampler;
  private final Metric metric;
  private final RunSettings run;
  private final int focusFamilies;
  private final Halving halving;
  private final Map<ModelFamily, Set<Map<String, Object>>> taken = new HashMap<>();
  private final Set<ModelFamily> exhausted = new HashSet<>();
  private int sampled;

  /** halving: empty when trials fit on all rows only. */
  public TrialProposer(SearchSettings settings, ModelContext ctx, Metric metric, RunSettings run,
      Optional<Halving> halving) {
    this.families = FamilyCheck.families(settings, ctx, metric);
    this.sampler = Sampler.of(settings.strategy());
    this.metric = metric;
    this.run = run;
    this.focusFamilies = settings.focusFamilies();
    this.halving = halving.orElse(null);
    for (ModelFamily f : families) {
      spaces.put(f, settings.spaces().getOrDefault(f.id(), new SearchSpace(Map.of())));
      taken.put(f, new HashSet<>());
    }
    if (settings.usePortfolio()) {
      List<Deque<Map<String, Object>>> lists = new ArrayList<>();
      for (ModelFamily f : families) {
        lists.add(new ArrayDeque<>(settings.portfolio().getOrDefault(f.id(), List.of())));
      }
      while (lists.stream().anyMatch(l -> !l.isEmpty())) {
        for (int i = 0; i < families.size(); i++) {
          Map<String, Object> config = lists.get(i).poll();
          if (config != null) {
            portfolio.add(Map.entry(families.get(i), config));
          }
        }
      }
    }
    FamilyCheck.validate(families, spaces, portfolio, ctx, run);
  }

  public List<ModelFamily> families() {
    return families;
  }

  /**
   * The next step for trial {@code number}. visible: the results the proposal may depend on;
   * finished: every finished result (used only to wait for a complete halving rung).
   */
  public Next next(int number, Map<Integer, TrialResult> visible,
      Map<Integer, TrialResult> finished) {
    if (!portfolio.isEmpty()) {
      Map.Entry<ModelFamily, Map<String, Object>> p = portfolio.poll();
      taken.get(p.getKey()).add(p.getValue());
      return new Next.Launch(spec(number, p.getKey(), p.getValue(), 1.0));
    }
    if (halving != null) {
      return halving.next(number, visible, finished, this);
    }
    return draw(number, visible, 1.0).<Next>map(Next.Launch::new).orElseGet(Next.Done::new);
  }

  /** A new configuration from the sampler for the next focus family, at this fraction. */
  Optional<TrialSpec> draw(int number, Map<Integer, TrialResult> visible, double fraction) {
    List<ModelFamily> focus = focus(visible);
    for (int attempt = 0; attempt < focus.size(); attempt++) {
      ModelFamily family = focus.get((sampled + attempt) % focus.size());
      List<Observation> history = visible.values().stream()
          .filter(r -> r.spec().family() == family && r.spec().full())
          .sorted(Comparator.comparingInt(r -> r.spec().number()))
          .map(r -> new Observation(r.spec().params(), loss(r))).toList();
      Random rng = new Random(run.seedFor("propose." + number));
      Optional<Map<String, Object>> config = sampler.next(spaces.get(family), history,
          taken.get(family), rng);
      if (config.isPresent()) {
        sampled++;
        taken.get(family).add(config.get());
        return Optional.of(spec(number, family, config.get(), fraction));
      }
      exhausted.add(family);
    }
    return Optional.empty();
  }

  /** Families never tried come first; then the best few by their best visible result. */
  private List<ModelFamily> focus(Map<Integer, TrialResult> visible) {
    Map<ModelFamily, Double> best = new HashMap<>();
    Set<ModelFamily> tried = new HashSet<>();
    for (TrialResult r : visible.values()) {
      tried.add(r.spec().family());
      if (r.succeeded() && r.spec().full()) {
        best.merge(r.spec().family(), loss(r), Math::min);
      }
    }
    List<ModelFamily> open = families.stream().filter(f -> !exhausted.contains(f)).toList();
    List<ModelFamily> untried = open.stream()
        .filter(f -> !tried.contains(f) && taken.get(f).isEmpty()).toList();
    if (!untried.isEmpty()) {
      return untried;
    }
    List<ModelFamily> ranked = open.stream().filter(best::containsKey)
        .sorted(Comparator.comparingDouble((ModelFamily f) -> best.get(f))
            .thenComparingInt(families::indexOf))
        .limit(focusFamilies).toList();
    return ranked.isEmpty() ? open : ranked;
  }

  /** Smaller is better; failures are NaN. */
  double loss(TrialResult r) {
    if (!r.succeeded()) {
      return Double.NaN;
    }
    return metric.largerIsBetter() ? -r.mean() : r.mean();
  }

  TrialSpec spec(int number, ModelFamily family, Map<String, Object> params, double fraction) {
    return new TrialSpec(number, family, params, run.seedFor("trial." + number), fraction);
  }

  static LakemlException unknownFamily(String key, Object value) {
    return LakemlException.invalid(key, value, "unknown model family; known: "
        + java.util.Arrays.stream(ModelFamily.values()).map(ModelFamily::id).toList());
  }
}
