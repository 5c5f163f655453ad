package io.lakeml.search;

import io.lakeml.config.LakemlException;
import io.lakeml.config.RunSettings;
import io.lakeml.config.SearchSettings;
import io.lakeml.config.Task;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The trials of a run, decided before any data is touched: for each family that fits the task,
 * the grid of its search space. The first configuration of every family (the first value of each
 * parameter: the portfolio's known-good default) goes first; the rest of each grid is shuffled
 * with the run's seed, families interleaved, and the list cut at max-trials. Every configuration
 * is built once here, so a bad family, parameter or value fails now, naming its key.
 */
public record SearchPlan(List<TrialSpec> trials) {

  public SearchPlan {
    trials = List.copyOf(trials);
  }

  public static SearchPlan of(SearchSettings settings, Task task, RunSettings run) {
    for (String family : settings.spaces().keySet()) {
      if (ModelFamily.byId(family).isEmpty()) {
        throw LakemlException.invalid("lakeml.search.space." + family, family,
            "unknown model family; known: " + knownFamilies());
      }
    }
    List<Deque<Map<String, Object>>> perFamily = new ArrayList<>();
    List<ModelFamily> families = new ArrayList<>();
    Random shuffle = new Random(run.seedFor("search.plan"));
    for (String id : settings.families()) {
      ModelFamily family = ModelFamily.byId(id).orElseThrow(() -> LakemlException.invalid(
          "lakeml.search.families", id, "unknown model family; known: " + knownFamilies()));
      if (!family.supports(task) || families.contains(family)) {
        continue;
      }
      List<Map<String, Object>> grid = grid(settings.spaces().getOrDefault(id, Map.of()));
      List<Map<String, Object>> rest = new ArrayList<>(grid.subList(1, grid.size()));
      Collections.shuffle(rest, shuffle);
      Deque<Map<String, Object>> order = new ArrayDeque<>();
      order.add(grid.get(0));
      order.addAll(rest);
      perFamily.add(order);
      families.add(family);
    }
    if (families.isEmpty()) {
      throw LakemlException.invalid("lakeml.search.families", settings.families(),
          "none of these families fits a " + task.id() + " task");
    }
    List<TrialSpec> trials = new ArrayList<>();
    while (trials.size() < settings.maxTrials() && perFamily.stream().anyMatch(q -> !q.isEmpty())) {
      for (int f = 0; f < families.size() && trials.size() < settings.maxTrials(); f++) {
        Map<String, Object> params = perFamily.get(f).poll();
        if (params != null) {
          int number = trials.size() + 1;
          trials.add(new TrialSpec(number, families.get(f), params,
              run.seedFor("trial." + number)));
        }
      }
    }
    trials.forEach(t -> validate(t, task));
    return new SearchPlan(trials);
  }

  private static void validate(TrialSpec trial, Task task) {
    try {
      trial.family().estimator(task, trial.params(), trial.seed());
    } catch (IllegalArgumentException e) {
      throw new LakemlException("Invalid lakeml.search.space." + trial.family().id() + ": "
          + e.getMessage(), e);
    }
  }

  /** All combinations, in order: the first has every parameter's first value. */
  static List<Map<String, Object>> grid(Map<String, List<Object>> space) {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<Object>> param : space.entrySet()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> partial : out) {
        for (Object value : param.getValue()) {
          Map<String, Object> combo = new LinkedHashMap<>(partial);
          combo.put(param.getKey(), value);
          next.add(combo);
        }
      }
      out = next;
    }
    return out;
  }

  private static List<String> knownFamilies() {
    return java.util.Arrays.stream(ModelFamily.values()).map(ModelFamily::id).toList();
  }
}
