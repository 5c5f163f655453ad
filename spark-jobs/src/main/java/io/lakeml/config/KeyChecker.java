package io.lakeml.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Rejects keys the user set that lakeml does not read: a typo must fail, not be ignored.
 * Open maps (free-form keys) are listed in {@link #OPEN_MAPS}; what is inside them is checked by
 * the settings that read them.
 */
final class KeyChecker {
  static final List<String> OPEN_MAPS = List.of("lakeml.spark.conf", "lakeml.search.space",
      "lakeml.search.portfolio",
      "lakeml.intake.columns", "lakeml.input.feature-versions", "lakeml.feature-store.tables");

  record Leaf(String path, ConfigValue value) {}

  private KeyChecker() {}

  /**
   * @param user the user layers merged, unresolved (for key names and origins)
   * @param resolved user over reference, resolved (for value types)
   */
  static void checkKnown(Config user, Config reference, Config resolved) {
    List<String> known = leafs(reference.root(), List.of()).stream().map(Leaf::path).toList();
    for (Map.Entry<String, ConfigValue> top : user.root().entrySet()) {
      if (!top.getKey().equals("lakeml")) {
        throw new LakemlException("Unknown config key " + top.getKey() + " ("
            + top.getValue().origin().description() + "): lakeml reads only keys under lakeml");
      }
    }
    for (Leaf leaf : leafs(user.root(), List.of())) {
      String path = leaf.path();
      if (isOpen(path)) {
        continue;
      }
      String origin = leaf.value().origin().description();
      if (!reference.hasPathOrNull(path)) {
        throw new LakemlException("Unknown config key " + path + " (" + origin + ")"
            + suggestion(path, known));
      }
      boolean referenceIsSection = !reference.getIsNull(path)
          && reference.getValue(path).valueType() == ConfigValueType.OBJECT;
      boolean userIsSection = !resolved.getIsNull(path)
          && resolved.getValue(path).valueType() == ConfigValueType.OBJECT;
      if (referenceIsSection && !userIsSection) {
        throw LakemlException.invalid(path, resolved.getIsNull(path) ? null
                : resolved.getValue(path).unwrapped(),
            "expected a section { ... } as in reference.conf, set at " + origin);
      }
    }
  }

  private static boolean isOpen(String path) {
    return OPEN_MAPS.stream().anyMatch(open -> path.equals(open) || path.startsWith(open + "."));
  }

  /** All leaves, including nulls and empty sections (Config.entrySet() skips those). */
  static List<Leaf> leafs(ConfigObject object, List<String> prefix) {
    List<Leaf> out = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      List<String> keys = new ArrayList<>(prefix);
      keys.add(e.getKey());
      if (e.getValue() instanceof ConfigObject child && !child.isEmpty()) {
        out.addAll(leafs(child, keys));
      } else {
        out.add(new Leaf(ConfigUtil.joinPath(keys), e.getValue()));
      }
    }
    return out;
  }

  private static String suggestion(String path, List<String> known) {
    return known.stream()
        .min(Comparator.comparingInt(k -> distance(k, path)))
        .filter(best -> distance(best, path) <= Math.max(3, path.length() / 4))
        .map(best -> "; did you mean " + best + "?")
        .orElse("; see reference.conf for the keys lakeml reads");
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
