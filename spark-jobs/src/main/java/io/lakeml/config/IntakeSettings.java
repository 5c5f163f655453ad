package io.lakeml.config;

import java.util.Map;
import java.util.Set;

/** lakeml.intake: semantic type inference thresholds, per-column overrides, leakage checks. */
public record IntakeSettings(Map<String, String> columns, int maxCategories,
    double identifierDistinctShare, double mostlyNullShare, double textMinWords, int topValues,
    LeakageAction leakageAction, double leakageThreshold, long leakageMinSupport) {

  public enum LeakageAction { DROP, WARN, FAIL }

  /** The values lakeml.intake.columns accepts. */
  public static final Set<String> OVERRIDES = Set.of("numeric", "categorical",
      "high-cardinality", "datetime", "text", "identifier", "drop");

  public IntakeSettings {
    columns.forEach((column, type) -> LakemlException.check(OVERRIDES.contains(type),
        "lakeml.intake.columns." + column, type, "expected one of " + new java.util.TreeSet<>(
            OVERRIDES)));
    columns = Map.copyOf(columns);
    LakemlException.check(maxCategories >= 2 && maxCategories <= 1000,
        "lakeml.intake.max-categories", maxCategories, "must be >= 2 and <= 1000");
    LakemlException.check(identifierDistinctShare > 0 && identifierDistinctShare <= 1,
        "lakeml.intake.identifier-distinct-share", identifierDistinctShare, "must be > 0 and <= 1");
    LakemlException.check(mostlyNullShare > 0 && mostlyNullShare <= 1,
        "lakeml.intake.mostly-null-share", mostlyNullShare, "must be > 0 and <= 1");
    LakemlException.check(textMinWords >= 1, "lakeml.intake.text-min-words", textMinWords,
        "must be >= 1");
    LakemlException.check(topValues >= 1 && topValues <= 1000, "lakeml.intake.top-values",
        topValues, "must be >= 1 and <= 1000");
    LakemlException.check(leakageThreshold > 0.5 && leakageThreshold <= 1,
        "lakeml.intake.leakage.threshold", leakageThreshold, "must be > 0.5 and <= 1");
    LakemlException.check(leakageMinSupport >= 1, "lakeml.intake.leakage.min-support",
        leakageMinSupport, "must be >= 1");
  }

  /** The defaults of reference.conf (for tests and tools that have no config). */
  public static IntakeSettings defaults() {
    return Settings.from(ConfigLoader.load(java.util.List.of(), java.util.List.of())).intake();
  }
}
