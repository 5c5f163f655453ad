package io.lakeml.config;

import java.util.Map;
import java.util.Set;

/** lakeml.spark: Spark's log level and extra session settings. */
public record SparkSettings(String logLevel, Map<String, String> conf) {
  private static final Set<String> LEVELS =
      Set.of("ALL", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF");

  public SparkSettings {
    LakemlException.check(LEVELS.contains(logLevel), "lakeml.spark.log-level", logLevel,
        "expected one of " + LEVELS);
    conf = Map.copyOf(conf);
  }
}
