package io.lakeml.features;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.lakeml.config.ConfigReader;
import io.lakeml.config.LakemlException;
import io.lakeml.lake.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataType;

/**
 * Reads lakeml.feature-store: the store's root and its feature table declarations. A table's
 * section is checked key by key here (the tables map is open in reference.conf): an unknown or
 * missing key, a bad name or type is an error naming the full key.
 */
public final class FeatureStoreConfig {
  public static final String SECTION = "lakeml.feature-store";
  public static final String TABLES = SECTION + ".tables";
  /** Table, feature and view names: lower-case SQL identifiers (no leading underscore). */
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,127}");
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final Set<String> TABLE_KEYS = Set.of("description", "owner", "entity-keys",
      "event-time", "features", "source", "allow-new-features");
  private static final Set<String> FEATURE_KEYS = Set.of("name", "type", "description");
  private static final Set<String> SOURCE_KEYS = Set.of("path", "table", "version", "sql",
      "inputs");
  private static final Set<String> REF_KEYS = Set.of("path", "table", "version");

  private FeatureStoreConfig() {}

  /** config: the resolved config (with the lakeml root). */
  public static FeatureStore read(Config config) {
    ConfigReader fs = new ConfigReader(config, SECTION);
    String root = fs.string("root");
    ConfigReader defaults = fs.child("table-defaults");
    TableDefaults tableDefaults = new TableDefaults(defaults.optString("description"),
        defaults.bool("allow-new-features"));
    Map<String, FeatureTable> tables = new LinkedHashMap<>();
    ConfigObject declared = config.getObject("lakeml.feature-store.tables");
    for (String name : new TreeSet<>(declared.keySet())) {
      String key = TABLES + "." + name;
      LakemlException.check(NAME.matcher(name).matches(), key, name,
          "a feature table name: lower-case letters, digits and _, starting with a letter");
      ConfigValue value = declared.get(name);
      if (value.valueType() != ConfigValueType.OBJECT) {
        throw LakemlException.invalid(key, value.unwrapped(), "expected a section { ... }");
      }
      tables.put(name, table(name, ((ConfigObject) value).toConfig(), key, tableDefaults));
    }
    return new FeatureStore(root, tables);
  }

  /** lakeml.feature-store.table-defaults: what a table section may leave out. */
  private record TableDefaults(String description, boolean allowNewFeatures) {}

  private static FeatureTable table(String name, Config c, String key, TableDefaults defaults) {
    checkKeys(c, key, TABLE_KEYS);
    List<String> keys = strings(c, key, "entity-keys");
    LakemlException.check(!keys.isEmpty(), key + ".entity-keys", keys,
        "at least one entity key column");
    keys.forEach(k -> column(k, key + ".entity-keys"));
    String eventTime = column(required(c, key, "event-time"), key + ".event-time");
    List<FeatureDef> features = new ArrayList<>();
    List<? extends ConfigObject> list = get(key + ".features", "a list of { name, type, "
        + "description }", () -> c.getObjectList("features"));
    LakemlException.check(!list.isEmpty(), key + ".features", "[]", "at least one feature");
    for (int i = 0; i < list.size(); i++) {
      String fk = key + ".features[" + i + "]";
      Config f = list.get(i).toConfig();
      checkKeys(f, fk, FEATURE_KEYS);
      String fname = column(required(f, fk, "name"), fk + ".name");
      LakemlException.check(!keys.contains(fname) && !fname.equals(eventTime), fk + ".name",
          fname, "a feature cannot be an entity key or the event time");
      LakemlException.check(features.stream().noneMatch(d -> d.name().equals(fname)),
          fk + ".name", fname, "declared twice");
      features.add(new FeatureDef(fname, type(required(f, fk, "type"), fk + ".type"),
          required(f, fk, "description")));
    }
    boolean allowNew = get(key + ".allow-new-features", "true or false",
        () -> c.hasPath("allow-new-features") ? c.getBoolean("allow-new-features")
            : defaults.allowNewFeatures());
    String description = c.hasPath("description") ? c.getString("description")
        : defaults.description() == null ? "" : defaults.description();
    return new FeatureTable(name, description,
        required(c, key, "owner"), keys, eventTime, features, source(c, key + ".source"),
        allowNew);
  }

  private static FeatureSource source(Config table, String key) {
    Config c = get(key, "a section { path | table | sql }", () -> table.getConfig("source"));
    checkKeys(c, key, SOURCE_KEYS);
    boolean sql = c.hasPath("sql");
    if (sql == (c.hasPath("path") || c.hasPath("table"))) {
      throw new LakemlException("Invalid " + key + ": set exactly one of path, table (a Delta "
          + "table) or sql (a query over the Delta tables named in inputs)");
    }
    if (!sql) {
      return new FeatureSource(ref(c, key), null, Map.of());
    }
    Map<String, TableRef> inputs = new LinkedHashMap<>();
    ConfigObject in = c.hasPath("inputs") ? c.getObject("inputs") : null;
    if (in == null || in.isEmpty()) {
      throw new LakemlException("Missing " + key + ".inputs (the Delta tables the SQL reads, "
          + "view name -> { path = ... } or { table = ... }, so that their versions are pinned "
          + "and recorded)");
    }
    for (String view : new TreeSet<>(in.keySet())) {
      String vk = key + ".inputs." + view;
      LakemlException.check(NAME.matcher(view).matches(), vk, view,
          "a view name: lower-case letters, digits and _");
      Config ref = get(vk, "a section { path = ... } or { table = ... }",
          () -> in.toConfig().getConfig(view));
      checkKeys(ref, vk, REF_KEYS);
      inputs.put(view, ref(ref, vk));
    }
    return new FeatureSource(null, required(c, key, "sql"), inputs);
  }

  private static TableRef ref(Config c, String key) {
    boolean path = c.hasPath("path");
    if (path == c.hasPath("table")) {
      throw new LakemlException("Invalid " + key + ": set exactly one of path or table");
    }
    Long version = c.hasPath("version")
        ? get(key + ".version", "a whole number", () -> c.getLong("version")) : null;
    String value = required(c, key, path ? "path" : "table");
    return new TableRef(path ? value : null, path ? null : value, version, null, key);
  }

  static DataType type(String ddl, String key) {
    DataType type;
    try {
      type = DataType.fromDDL(ddl);
    } catch (Exception e) {
      // ParseException is checked (an AnalysisException), though the Java signature hides it.
      throw LakemlException.invalid(key, ddl, "a Spark SQL type such as int, double, string, "
          + "boolean, date, timestamp or decimal(10,2)");
    }
    LakemlException.check(FeatureTypes.supported(type), key, ddl,
        "features are numbers, strings, booleans, dates or timestamps");
    return type;
  }

  private static String column(String name, String key) {
    LakemlException.check(COLUMN.matcher(name).matches(), key, name, "a column name");
    return name;
  }

  private static void checkKeys(Config c, String key, Set<String> allowed) {
    for (String k : c.root().keySet()) {
      if (!allowed.contains(k)) {
        throw new LakemlException("Unknown config key " + key + "." + k + " (expected one of "
            + new TreeSet<>(allowed) + ")");
      }
    }
  }

  private static String required(Config c, String key, String name) {
    String value = c.hasPath(name) ? get(key + "." + name, "a string", () -> c.getString(name))
        : null;
    if (value == null || value.isBlank()) {
      throw new LakemlException("Missing " + key + "." + name + " (a value is required)");
    }
    return value;
  }

  private static List<String> strings(Config c, String key, String name) {
    if (!c.hasPath(name)) {
      throw new LakemlException("Missing " + key + "." + name + " (a list of column names)");
    }
    return get(key + "." + name, "a list of column names", () -> c.getStringList(name));
  }

  private static <T> T get(String key, String expected, java.util.function.Supplier<T> getter) {
    try {
      return getter.get();
    } catch (ConfigException e) {
      throw new LakemlException("Invalid " + key + ": expected " + expected + " ("
          + e.getMessage() + ")", e);
    }
  }
}
