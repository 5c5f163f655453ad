package io.lakeml.search.strategy;

import io.lakeml.search.Domain;
import io.lakeml.search.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Random search: every proposal is drawn uniformly from the space (on each domain's own scale,
 * so log ranges are uniform in the logarithm), ignoring the history. Taken configurations are
 * skipped by redrawing, up to {@link #MAX_DRAWS} times; after that a finite space of at most
 * {@link #ENUMERATION_LIMIT} configurations is enumerated, so it is always exhausted completely
 * before the sampler returns empty.
 */
public final class RandomSampler implements Sampler {

  /** How many uniform draws are tried before giving up on (or enumerating) the space. */
  public static final int MAX_DRAWS = 200;

  /** Finite spaces up to this size are enumerated when random draws keep hitting taken ones. */
  public static final long ENUMERATION_LIMIT = 100_000;

  @Override
  public Optional<Map<String, Object>> next(SearchSpace space, List<Observation> history,
      Set<Map<String, Object>> taken, Random rng) {
    return drawUntaken(space, taken, rng);
  }

  /** A uniform draw that is not in {@code taken}, or empty when none can be found. */
  static Optional<Map<String, Object>> drawUntaken(SearchSpace space,
      Set<Map<String, Object>> taken, Random rng) {
    for (int i = 0; i < MAX_DRAWS; i++) {
      Map<String, Object> config = space.sample(rng);
      if (!taken.contains(config)) {
        return Optional.of(config);
      }
    }
    long size = space.size();
    if (size > ENUMERATION_LIMIT) {
      return Optional.empty();
    }
    List<Map<String, Object>> free = new ArrayList<>();
    for (Map<String, Object> config : enumerate(space)) {
      if (!taken.contains(config)) {
        free.add(config);
      }
    }
    return free.isEmpty() ? Optional.empty() : Optional.of(free.get(rng.nextInt(free.size())));
  }

  /** Every configuration of a finite space, in a fixed order (callers check the size first). */
  static List<Map<String, Object>> enumerate(SearchSpace space) {
    List<String> names = new ArrayList<>(space.params().keySet());
    List<List<Object>> values = new ArrayList<>();
    for (String name : names) {
      values.add(valuesOf(space.params().get(name)));
    }
    List<Map<String, Object>> out = new ArrayList<>();
    int[] index = new int[names.size()];
    while (true) {
      Map<String, Object> config = new LinkedHashMap<>();
      for (int p = 0; p < names.size(); p++) {
        config.put(names.get(p), values.get(p).get(index[p]));
      }
      out.add(config);
      int p = names.size() - 1;
      while (p >= 0 && ++index[p] == values.get(p).size()) {
        index[p--] = 0;
      }
      if (p < 0) {
        return out;
      }
    }
  }

  /** The distinct values of a finite domain, typed as the domain produces them. */
  private static List<Object> valuesOf(Domain domain) {
    if (domain instanceof Domain.Choice choice) {
      return choice.values();
    }
    Domain.Range range = (Domain.Range) domain;
    List<Object> out = new ArrayList<>();
    if (!range.integer()) {
      out.add(range.fromUnit(0)); // a finite real range is a single point
      return out;
    }
    for (long v = (long) Math.ceil(range.min()); v <= (long) Math.floor(range.max()); v++) {
      out.add((int) v);
    }
    return out;
  }
}
