package io.lakeml.config;

import java.util.regex.Pattern;

/** lakeml.run: identity and seed of one run. */
public record RunSettings(String id, String name, long seed) {
  /** Run ids and names go into paths and SQL predicates: keep them to safe characters. */
  public static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public RunSettings {
    LakemlException.check(SAFE_ID.matcher(id).matches(), "lakeml.run.id", id,
        "letters, digits, '.', '_' or '-', starting with a letter or digit, at most 128");
    LakemlException.check(SAFE_ID.matcher(name).matches(), "lakeml.run.name", name,
        "letters, digits, '.', '_' or '-', starting with a letter or digit, at most 128");
  }

  /** The seed of one step or trial, derived from the root seed and a stable purpose name. */
  public long seedFor(String purpose) {
    long z = seed ^ (0x9E3779B97F4A7C15L * purpose.hashCode());
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
