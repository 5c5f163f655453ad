package io.lakeml.search.strategy;

import java.util.Map;
import java.util.Objects;

/**
 * One finished trial: the configuration that was evaluated and its loss (smaller is better).
 * A NaN loss means the trial failed; samplers rank such trials as the worst, as they do any other
 * non-finite loss.
 *
 * @param params the configuration, parameter name -> value as produced by the space's domains
 * @param loss the loss, or NaN for a failed trial
 */
public record Observation(Map<String, Object> params, double loss) {

  public Observation {
    Objects.requireNonNull(params, "params");
  }

  /** Whether the trial produced a usable (finite) loss. */
  public boolean succeeded() {
    return Double.isFinite(loss);
  }
}
