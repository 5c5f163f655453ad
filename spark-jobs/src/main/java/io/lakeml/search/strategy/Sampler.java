package io.lakeml.search.strategy;

import io.lakeml.search.SearchSpace;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A hyperparameter search strategy: proposes the next configuration to evaluate, given the trials
 * that have finished so far.
 *
 * <p>{@code history} holds finished observations only. Configurations that are already proposed
 * (running, or finished) go in {@code taken}; a sampler never returns a configuration equal (by
 * {@link Map#equals}) to one of them. When the space has no configuration left, or none that is
 * not taken turns up within a bounded number of draws ({@link RandomSampler#MAX_DRAWS}), the
 * result is empty. All randomness comes from {@code rng}, so a seed fixes the proposals.
 */
public interface Sampler {

  /**
   * The next configuration to try.
   *
   * @param space the parameters and their domains
   * @param history finished trials (any order; NaN losses are failures)
   * @param taken configurations already proposed, never to be returned again
   * @param rng the only source of randomness
   * @return a new configuration (parameter name -> value, in the space's sorted order), or empty
   *     when the space is exhausted
   */
  Optional<Map<String, Object>> next(SearchSpace space, List<Observation> history,
      Set<Map<String, Object>> taken, Random rng);

  /** The sampler called {@code name}: "random" or "tpe" (case-insensitive), with defaults. */
  static Sampler of(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (key) {
      case "random" -> new RandomSampler();
      case "tpe" -> new TpeSampler();
      default -> throw new IllegalArgumentException(
          "unknown sampler '" + name + "', expected one of: random, tpe");
    };
  }
}
