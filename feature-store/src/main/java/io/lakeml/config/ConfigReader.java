package io.lakeml.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Typed reads of one section whose errors name the full key and where it was set. */
public final class ConfigReader {
  private final Config config;
  private final String prefix;

  public ConfigReader(Config root, String section) {
    this.prefix = section;
    try {
      this.config = root.getConfig(section);
    } catch (ConfigException e) {
      throw new LakemlException("Invalid " + section + ": " + e.getMessage(), e);
    }
  }

  /** The subsection prefix.name. */
  public ConfigReader child(String name) {
    return new ConfigReader(config.atPath(prefix), prefix + "." + name);
  }

  public String key(String name) {
    return prefix + "." + name;
  }

  /** A string that may be null (absent values are errors: reference.conf declares every key). */
  public String optString(String name) {
    return config.getIsNull(name) ? null : read(name, "a string", () -> config.getString(name));
  }

  public String string(String name) {
    String value = optString(name);
    if (value == null || value.isBlank()) {
      throw new LakemlException("Missing " + key(name) + " (a value is required; set it in your "
          + "pipeline conf or with --set " + key(name) + "=...)");
    }
    return value;
  }

  public int integer(String name) {
    return read(name, "a whole number", () -> config.getInt(name));
  }

  public long longValue(String name) {
    return read(name, "a whole number", () -> config.getLong(name));
  }

  public Long optLong(String name) {
    return config.getIsNull(name) ? null : longValue(name);
  }

  public Integer optInt(String name) {
    return config.getIsNull(name) ? null : integer(name);
  }

  /** A duration such as "90s" or "10m" (a bare number is milliseconds), in seconds. */
  public double seconds(String name) {
    return read(name, "a duration such as 90s or 10m",
        () -> config.getDuration(name).toMillis() / 1000.0);
  }

  /** A duration that may be null. */
  public java.util.Optional<java.time.Duration> optDuration(String name) {
    return config.getIsNull(name) ? java.util.Optional.empty()
        : java.util.Optional.of(read(name, "a duration such as 90d or 12h",
            () -> config.getDuration(name)));
  }

  public boolean bool(String name) {
    return read(name, "true or false", () -> config.getBoolean(name));
  }

  public double doubleValue(String name) {
    return read(name, "a number", () -> config.getDouble(name));
  }

  public List<String> strings(String name) {
    return read(name, "a list of strings", () -> List.copyOf(config.getStringList(name)));
  }

  /** A section's direct children as unwrapped values (open maps). */
  public Map<String, Object> section(String name) {
    ConfigObject obj = read(name, "a section { ... }", () -> config.getObject(name));
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
      out.put(e.getKey(), e.getValue().unwrapped());
    }
    return out;
  }

  public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
    String raw = string(name);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().replace('_', '-').equalsIgnoreCase(raw.replace('_', '-'))) {
        return constant;
      }
    }
    throw LakemlException.invalid(key(name), raw, "expected one of "
        + java.util.Arrays.stream(type.getEnumConstants())
            .map(c -> c.name().toLowerCase().replace('_', '-')).toList());
  }

  private <T> T read(String name, String expected, Supplier<T> getter) {
    try {
      return getter.get();
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw new LakemlException("Invalid " + key(name) + ": expected " + expected + " ("
          + e.getMessage() + ")", e);
    } catch (ConfigException.Missing e) {
      throw new LakemlException("Missing " + key(name) + " (expected " + expected + ")", e);
    }
  }
}
