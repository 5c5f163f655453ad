package io.lakeml.features;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to build a point-in-time training set from a label table: its event-time column, the
 * feature references, an optional max age of feature values, and feature table versions to pin
 * (table -> Delta version; tables not named are read at their latest version). configKey: where
 * the spec was set (e.g. lakeml.input), for messages.
 */
public record TrainingSetSpec(String eventTime, List<String> features, Optional<Duration> maxAge,
    Map<String, Long> versions, String configKey) {

  public TrainingSetSpec {
    features = List.copyOf(features);
    versions = Map.copyOf(versions);
  }
}
