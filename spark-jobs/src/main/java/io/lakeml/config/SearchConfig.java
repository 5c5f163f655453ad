package io.lakeml.config;

import io.lakeml.search.Domain;
import io.lakeml.search.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads lakeml.search (spaces and portfolios included) into {@link SearchSettings}. */
final class SearchConfig {
  private static final List<String> RANGE_KEYS = List.of("min", "max", "scale", "type");

  private SearchConfig() {}

  static SearchSettings read(ConfigReader s) {
    ConfigReader h = s.child("halving");
    ConfigReader e = s.child("ensemble");
    return new SearchSettings(s.strings("families"), s.string("strategy"),
        s.bool("use-portfolio"), s.integer("max-trials"), s.seconds("time-budget"),
        s.doubleValue("reserve-factor"), s.integer("parallelism"), s.string("metric"),
        s.integer("focus-families"),
        new SearchSettings.Halving(h.enumValue("mode", SearchSettings.Halving.Mode.class),
            h.longValue("min-rows"), h.doubleValue("min-fraction"), h.integer("eta")),
        new SearchSettings.Ensemble(e.bool("enabled"), e.integer("max-members")),
        s.integer("holdout-top"), spaces(s), portfolio(s));
  }

  private static Map<String, SearchSpace> spaces(ConfigReader search) {
    Map<String, SearchSpace> spaces = new LinkedHashMap<>();
    for (Map.Entry<String, Object> family : search.section("space").entrySet()) {
      String familyKey = search.key("space." + family.getKey());
      if (!(family.getValue() instanceof Map<?, ?> params)) {
        throw LakemlException.invalid(familyKey, family.getValue(),
            "expected a section of parameter = [choices] or { min, max, scale, type }");
      }
      Map<String, Domain> space = new LinkedHashMap<>();
      for (Map.Entry<?, ?> p : params.entrySet()) {
        String key = familyKey + "." + p.getKey();
        space.put(String.valueOf(p.getKey()), domain(key, p.getValue()));
      }
      spaces.put(family.getKey(), new SearchSpace(space));
    }
    return spaces;
  }

  private static Domain domain(String key, Object v) {
    if (v instanceof Map<?, ?> unordered) {
      Map<String, Object> range = new java.util.TreeMap<>();
      unordered.forEach((k, x) -> range.put(String.valueOf(k), x));
      for (Object k : range.keySet()) {
        LakemlException.check(RANGE_KEYS.contains(String.valueOf(k)), key + "." + k, range.get(k),
            "unknown range setting; a range takes " + RANGE_KEYS);
      }
      LakemlException.check(range.get("min") instanceof Number
              && range.get("max") instanceof Number, key, range,
          "a range needs numbers min and max, e.g. { min = 0.001, max = 1, scale = log }");
      String scale = String.valueOf(range.containsKey("scale") ? range.get("scale") : "linear");
      String type = String.valueOf(range.containsKey("type") ? range.get("type") : "double");
      LakemlException.check(scale.equals("linear") || scale.equals("log"), key + ".scale", scale,
          "expected linear or log");
      LakemlException.check(type.equals("double") || type.equals("int"), key + ".type", type,
          "expected double or int");
      try {
        return new Domain.Range(((Number) range.get("min")).doubleValue(),
            ((Number) range.get("max")).doubleValue(), scale.equals("log"), type.equals("int"));
      } catch (IllegalArgumentException ex) {
        throw LakemlException.invalid(key, range, ex.getMessage());
      }
    }
    List<Object> values = v instanceof List<?> list ? new ArrayList<>(list) : List.of(v);
    LakemlException.check(!values.isEmpty() && values.stream().allMatch(x -> x != null
            && !(x instanceof Map) && !(x instanceof List)), key, v,
        "expected a non-empty list of choices, e.g. [5, 10], or a range { min, max }");
    return new Domain.Choice(values);
  }

  private static Map<String, List<Map<String, Object>>> portfolio(ConfigReader search) {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> family : search.section("portfolio").entrySet()) {
      String key = search.key("portfolio." + family.getKey());
      LakemlException.check(family.getValue() instanceof List<?>, key, family.getValue(),
          "expected a list of configurations, e.g. [{ maxDepth = 5 }]");
      List<Map<String, Object>> configs = new ArrayList<>();
      for (Object c : (List<?>) family.getValue()) {
        LakemlException.check(c instanceof Map<?, ?>, key, c,
            "expected a configuration { parameter = value, ... }");
        Map<String, Object> config = new LinkedHashMap<>();
        ((Map<?, ?>) c).forEach((k, val) -> config.put(String.valueOf(k), val));
        configs.add(config);
      }
      out.put(family.getKey(), configs);
    }
    return out;
  }
}
