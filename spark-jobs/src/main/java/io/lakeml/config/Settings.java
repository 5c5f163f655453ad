package io.lakeml.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Everything a lakeml job reads from config, validated once, at construction. */
public record Settings(RunSettings run, String lakeRoot, InputSettings input,
    TrainingSetSettings trainingSet, FeatureStoreSettings featureStore, LabelSettings label,
    IntakeSettings intake, PrepSettings prep, SelectSettings select, SplitSettings split,
    SearchSettings search, EvaluateSettings evaluate, RegistrySettings registry,
    ScoreSettings score, MonitorSettings monitor, SparkSettings spark,
    ImportCsvSettings importCsv, Config config) {

  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  public Settings {
    LakemlException.check(lakeRoot != null && !lakeRoot.isBlank(), "lakeml.lake.root", lakeRoot,
        "a folder or URI is required");
  }

  public static Settings from(Config config) {
    return from(config, Clock.systemUTC());
  }

  /** Reads the resolved config; a null run id becomes "run-yyyyMMdd-HHmmss-xxxx" from the clock. */
  public static Settings from(Config config, Clock clock) {
    ConfigReader run = new ConfigReader(config, "lakeml.run");
    String runId = run.optString("id");
    if (runId == null) {
      runId = "run-" + RUN_ID_TIME.format(clock.instant())
          + String.format(Locale.ROOT, "-%04x",
              java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));
    }
    RunSettings runSettings = new RunSettings(runId, run.string("name"), run.longValue("seed"));

    ConfigReader in = new ConfigReader(config, "lakeml.input");
    InputSettings input = new InputSettings(in.optString("path"), in.optString("table"),
        in.optLong("version"), in.optString("timestamp"), in.strings("exclude-columns"),
        in.strings("key-columns"));
    Map<String, Long> featureVersions = new LinkedHashMap<>();
    in.section("feature-versions").forEach((table, v) -> featureVersions.put(table,
        v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? n.longValue()
            : invalidVersion(table, v)));
    TrainingSetSettings trainingSet = new TrainingSetSettings(in.strings("features"),
        in.optString("event-time"), in.optDuration("max-feature-age"), featureVersions);
    FeatureStoreSettings featureStore = new FeatureStoreSettings(
        io.lakeml.features.FeatureStoreConfig.read(config),
        new ConfigReader(config, "lakeml.feature-store").strings("materialize"));

    ConfigReader lbl = new ConfigReader(config, "lakeml.label");
    String task = lbl.string("task");
    LabelSettings label = new LabelSettings(lbl.optString("column"),
        task.equalsIgnoreCase("auto") ? Optional.empty() : Optional.of(task(task)),
        lbl.integer("classification-max-distinct"), lbl.optString("positive-class"));

    ConfigReader it = new ConfigReader(config, "lakeml.intake");
    Map<String, String> columns = new LinkedHashMap<>();
    it.section("columns").forEach((k, v) -> columns.put(k, String.valueOf(v)));
    ConfigReader leak = new ConfigReader(config, "lakeml.intake.leakage");
    IntakeSettings intake = new IntakeSettings(columns, it.integer("max-categories"),
        it.doubleValue("identifier-distinct-share"), it.doubleValue("mostly-null-share"),
        it.doubleValue("text-min-words"), it.integer("top-values"),
        leak.enumValue("action", IntakeSettings.LeakageAction.class),
        leak.doubleValue("threshold"), leak.longValue("min-support"));

    ConfigReader pr = new ConfigReader(config, "lakeml.prep");
    PrepSettings prep = new PrepSettings(pr.bool("missing-indicators"),
        pr.doubleValue("clip-quantile"),
        pr.bool("target-encoding"), pr.doubleValue("target-encoding-smoothing"),
        pr.enumValue("class-weights", PrepSettings.ClassWeights.class),
        pr.doubleValue("class-weight-below-share"));

    ConfigReader se = new ConfigReader(config, "lakeml.select");
    SelectSettings select = new SelectSettings(se.enumValue("mode", SelectSettings.Mode.class),
        se.integer("auto-min-features"), se.doubleValue("variance-threshold"),
        se.doubleValue("univariate-max-p"), se.doubleValue("max-correlation"),
        se.integer("correlation-max-features"), se.doubleValue("importance-share"),
        se.integer("min-features"));

    SplitSettings split = new SplitSettings(
        new ConfigReader(config, "lakeml.split").doubleValue("holdout-fraction"),
        new ConfigReader(config, "lakeml.cv").integer("folds"));

    ConfigReader s = new ConfigReader(config, "lakeml.search");
    SearchSettings search = SearchConfig.read(s);

    EvaluateSettings evaluate = new EvaluateSettings(
        new ConfigReader(config, "lakeml.evaluate").enumValue("threshold-objective",
            EvaluateSettings.ThresholdObjective.class),
        new ConfigReader(config, "lakeml.report").bool("enabled"));

    ConfigReader reg = new ConfigReader(config, "lakeml.registry");
    RegistrySettings registry = new RegistrySettings(reg.bool("register"),
        reg.bool("auto-promote"), reg.doubleValue("margin"),
        reg.enumValue("action", RegistrySettings.Action.class), reg.optString("model"),
        reg.optInt("version"), reg.optString("run-id"));

    ConfigReader sc = new ConfigReader(config, "lakeml.score");
    ConfigReader scIn = new ConfigReader(config, "lakeml.score.input");
    ScoreSettings score = new ScoreSettings(scIn.optString("path"), scIn.optString("table"),
        scIn.optLong("version"), scIn.optString("timestamp"), sc.optInt("model-version"));

    ConfigReader mo = new ConfigReader(config, "lakeml.monitor");
    ConfigReader moLabels = new ConfigReader(config, "lakeml.monitor.labels");
    MonitorSettings monitor = new MonitorSettings(mo.optString("scoring-run-id"),
        mo.doubleValue("feature-psi"), mo.doubleValue("prediction-psi"),
        mo.doubleValue("performance-drop"), mo.integer("drift-exit-code"),
        moLabels.optString("path"), moLabels.strings("key-columns"));

    ConfigReader sp = new ConfigReader(config, "lakeml.spark");
    Map<String, String> sparkConf = new LinkedHashMap<>();
    sp.section("conf"); // checks it is a section
    // Leaf paths, so "spark.x.y" = 1 and spark.x.y = 1 (nested objects) both give key spark.x.y.
    for (Map.Entry<String, ConfigValue> e : config.getConfig("lakeml.spark.conf").entrySet()) {
      sparkConf.put(String.join(".", ConfigUtil.splitPath(e.getKey())),
          String.valueOf(e.getValue().unwrapped()));
    }
    SparkSettings spark = new SparkSettings(sp.string("log-level").toUpperCase(Locale.ROOT),
        sparkConf);

    ConfigReader imp = new ConfigReader(config, "lakeml.import-csv");
    ImportCsvSettings importCsv = new ImportCsvSettings(imp.optString("source"),
        imp.optString("schema"), imp.optString("target"),
        imp.enumValue("mode", ImportCsvSettings.Mode.class), csvFiles(config));

    return new Settings(runSettings, new ConfigReader(config, "lakeml.lake").string("root"),
        input, trainingSet, featureStore, label, intake, prep, select, split, search, evaluate, registry, score, monitor,
        spark, importCsv, config);
  }

  private static List<ImportCsvSettings.CsvFile> csvFiles(Config config) {
    List<ImportCsvSettings.CsvFile> out = new ArrayList<>();
    List<? extends Config> files;
    try {
      files = config.getConfigList("lakeml.import-csv.more");
    } catch (com.typesafe.config.ConfigException e) {
      throw new LakemlException("Invalid lakeml.import-csv.more: expected a list of { source, "
          + "schema, target } (" + e.getMessage() + ")", e);
    }
    for (int i = 0; i < files.size(); i++) {
      Config f = files.get(i);
      String key = "lakeml.import-csv.more[" + i + "]";
      for (String k : f.root().keySet()) {
        LakemlException.check(List.of("source", "schema", "target").contains(k), key + "." + k,
            f.root().get(k).unwrapped(), "unknown key; expected source, schema, target");
      }
      out.add(new ImportCsvSettings.CsvFile(opt(f, "source"), opt(f, "schema"),
          opt(f, "target"), key));
    }
    return out;
  }

  private static String opt(Config c, String key) {
    return c.hasPath(key) ? c.getString(key) : null;
  }

  private static long invalidVersion(String table, Object value) {
    throw LakemlException.invalid("lakeml.input.feature-versions." + table, value,
        "a Delta version, a whole number >= 0");
  }

  private static Task task(String value) {
    for (Task t : Task.values()) {
      if (t.id().equalsIgnoreCase(value)) {
        return t;
      }
    }
    throw LakemlException.invalid("lakeml.label.task", value,
        "expected one of [auto, binary, multiclass, regression]");
  }

  /**
   * The effective lakeml config as JSON (for provenance), with the values of lakeml.spark.conf
   * entries whose key looks secret (Spark's default spark.redaction.regex) replaced by
   * {@value #REDACTED}: runs tables and provenance files are widely readable.
   */
  public String configJson() {
    Config lakeml = config.getConfig("lakeml");
    if (lakeml.hasPath("spark.conf")) {
      // Leaf paths: quoted keys ("spark.hadoop.fs.s3a.secret.key") and nested ones alike.
      for (Map.Entry<String, ConfigValue> e : lakeml.getConfig("spark.conf").entrySet()) {
        if (SECRET_KEY.matcher(e.getKey()).find()) {
          lakeml = lakeml.withValue("spark.conf." + e.getKey(),
              ConfigValueFactory.fromAnyRef(REDACTED));
        }
      }
    }
    return lakeml.root().render(ConfigRenderOptions.concise().setFormatted(false));
  }

  public static final String REDACTED = "*********(redacted)";
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i)secret|password|token|access[.]key|credential");

  /** The same settings, MonitorJob checking this scoring run. */
  public Settings withScoringRunId(String scoringRunId) {
    MonitorSettings m = new MonitorSettings(scoringRunId, monitor.featurePsi(),
        monitor.predictionPsi(), monitor.performanceDrop(), monitor.driftExitCode(),
        monitor.labelsPath(), monitor.labelKeys());
    return new Settings(run, lakeRoot, input, trainingSet, featureStore, label, intake, prep,
        select, split, search, evaluate, registry, score, m, spark, importCsv, config);
  }

  public Settings withRunId(String runId) {
    return new Settings(new RunSettings(runId, run.name(), run.seed()), lakeRoot, input,
        trainingSet, featureStore, label, intake, prep, select, split, search, evaluate,
        registry, score, monitor, spark, importCsv, config);
  }
}
