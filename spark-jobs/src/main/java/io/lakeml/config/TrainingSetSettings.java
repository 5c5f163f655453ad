package io.lakeml.config;

import io.lakeml.features.TrainingSetSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * lakeml.input's feature-store keys: when features is not empty the input table holds label
 * events and the training set is built point in time from the feature store.
 */
public record TrainingSetSettings(List<String> features, String eventTime,
    Optional<Duration> maxFeatureAge, Map<String, Long> featureVersions) {

  static final long MAX_AGE_DAYS = 36_500;

  public TrainingSetSettings {
    features = List.copyOf(features);
    featureVersions = Map.copyOf(featureVersions);
    LakemlException.check(features.isEmpty() || eventTime != null, "lakeml.input.event-time",
        null, "the label events' time column is required with lakeml.input.features "
            + features);
    LakemlException.check(!features.isEmpty() || eventTime == null, "lakeml.input.event-time",
        eventTime, "only used with lakeml.input.features, which is empty");
    LakemlException.check(!features.isEmpty() || featureVersions.isEmpty(),
        "lakeml.input.feature-versions", featureVersions,
        "only used with lakeml.input.features, which is empty");
    LakemlException.check(maxFeatureAge.isEmpty() || !maxFeatureAge.get().isNegative()
        && !maxFeatureAge.get().isZero() && maxFeatureAge.get().toDays() <= MAX_AGE_DAYS,
        "lakeml.input.max-feature-age", maxFeatureAge.map(Duration::toString).orElse(null),
        "must be > 0 and at most " + MAX_AGE_DAYS + " days");
    featureVersions.forEach((t, v) -> LakemlException.check(v >= 0,
        "lakeml.input.feature-versions." + t, v, "must be >= 0"));
  }

  /** The training-set spec, when the input is label events for the feature store. */
  public Optional<TrainingSetSpec> spec() {
    return features.isEmpty() ? Optional.empty() : Optional.of(new TrainingSetSpec(eventTime,
        features, maxFeatureAge, featureVersions, "lakeml.input"));
  }
}
