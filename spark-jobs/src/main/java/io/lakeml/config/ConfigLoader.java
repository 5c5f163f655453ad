package io.lakeml.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds the effective config: the jar's reference.conf, then each --config file in order, then
 * each --set override. Every key the user layers set must exist in reference.conf (see
 * {@link KeyChecker}); nothing falls back silently.
 */
public final class ConfigLoader {
  /** Values that --set parses as HOCON; anything else is taken as a plain string. */
  private static final Pattern HOCON_LITERAL =
      Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?|true|false|null|\\[.*\\]|\\{.*\\}|\".*\"",
          Pattern.DOTALL);

  private ConfigLoader() {}

  public static Config load(CliArgs args) {
    return load(args.configFiles(), args.overrides());
  }

  public static Config load(List<String> configFiles, List<String> overrides) {
    Config reference = reference();
    List<Config> userLayers = new ArrayList<>();
    for (String override : overrides) {
      userLayers.add(0, parseOverride(override));
    }
    for (int i = configFiles.size() - 1; i >= 0; i--) {
      userLayers.add(parseFile(configFiles.get(i)));
    }
    Config user = ConfigFactory.empty();
    for (Config layer : userLayers) {
      user = user.withFallback(layer);
    }
    Config resolved;
    try {
      resolved = user.withFallback(reference).resolve();
    } catch (ConfigException e) {
      throw new LakemlException("Config error: " + e.getMessage(), e);
    }
    // The reference resolved alone: its values' types (lake.root is a substitution).
    KeyChecker.checkKnown(user, reference.resolve(), resolved);
    return resolved;
  }

  /** lakeml's defaults alone (reference.conf of the jar). */
  public static Config reference() {
    return ConfigFactory.parseResources(ConfigLoader.class, "/reference.conf",
        ConfigParseOptions.defaults().setAllowMissing(false));
  }

  private static Config parseFile(String path) {
    File file = new File(path);
    if (!file.isFile()) {
      throw new LakemlException("Config file not found: " + path + " (from --config; working "
          + "directory " + new File("").getAbsolutePath() + ")");
    }
    try {
      return ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new LakemlException("Cannot parse config file " + path + ": " + e.getMessage(), e);
    }
  }

  static Config parseOverride(String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new LakemlException("Invalid --set " + override + " (expected KEY=VALUE, e.g. "
          + "--set lakeml.cv.folds=5)");
    }
    String key = override.substring(0, eq).trim();
    String value = override.substring(eq + 1).trim();
    if (!key.startsWith("lakeml.")) {
      throw new LakemlException("Invalid --set " + override + ": lakeml reads only keys under "
          + "lakeml (did you mean lakeml." + key + "?)");
    }
    String origin = "--set " + override;
    try {
      if (HOCON_LITERAL.matcher(value).matches()) {
        return ConfigFactory.parseString(key + " = " + value,
            ConfigParseOptions.defaults().setOriginDescription(origin));
      }
      return ConfigValueFactory.fromAnyRef(value, origin).atPath(key);
    } catch (ConfigException e) {
      throw new LakemlException("Invalid " + origin + ": " + e.getMessage(), e);
    }
  }
}
