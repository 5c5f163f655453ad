package io.lakeml.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  private String file(String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, body);
    return p.toString();
  }

  private static LakemlException fails(List<String> files, List<String> sets) {
    return assertThrows(LakemlException.class,
        () -> Settings.from(ConfigLoader.load(files, sets)));
  }

  @Test
  void referenceAloneGivesDocumentedDefaults() {
    Settings s = Settings.from(ConfigLoader.load(List.of(), List.of()));
    assertEquals(3, s.split().folds());
    assertEquals(0.2, s.split().holdoutFraction());
    assertEquals("lake", s.lakeRoot());
    assertEquals(42L, s.run().seed());
    assertTrue(s.run().id().matches("run-\\d{8}-\\d{6}-[0-9a-f]{4}"), s.run().id());
    assertNull(s.label().column());
    assertTrue(s.label().task().isEmpty());
  }

  @Test
  void laterFilesWinAndSetWinsOverFiles() throws IOException {
    String a = file("a.conf", "lakeml.cv.folds = 4\nlakeml.run.seed = 7");
    String b = file("b.conf", "lakeml.cv.folds = 5");
    Settings s = Settings.from(ConfigLoader.load(List.of(a, b), List.of()));
    assertEquals(5, s.split().folds());
    assertEquals(7L, s.run().seed());
    Settings t = Settings.from(ConfigLoader.load(List.of(a, b), List.of("lakeml.cv.folds=6")));
    assertEquals(6, t.split().folds());
  }

  @Test
  void unknownKeyFailsNamingKeyFileAndSuggestion() throws IOException {
    String f = file("typo.conf", "lakeml {\n  cv.fold = 5\n}\n");
    LakemlException e = fails(List.of(f), List.of());
    assertTrue(e.getMessage().startsWith("Unknown config key lakeml.cv.fold ("), e.getMessage());
    assertTrue(e.getMessage().contains("typo.conf: 2"), e.getMessage());
    assertTrue(e.getMessage().endsWith("did you mean lakeml.cv.folds?"), e.getMessage());
  }

  @Test
  void unknownKeyFromSetFails() {
    LakemlException e = fails(List.of(), List.of("lakeml.search.max-trial=3"));
    assertTrue(e.getMessage().contains("Unknown config key lakeml.search.max-trial"));
    assertTrue(e.getMessage().contains("--set lakeml.search.max-trial=3"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean lakeml.search.max-trials?"));
  }

  @Test
  void topLevelKeysOutsideLakemlFail() throws IOException {
    String f = file("x.conf", "automl.cv.folds = 5");
    LakemlException e = fails(List.of(f), List.of());
    assertTrue(e.getMessage().startsWith("Unknown config key automl ("), e.getMessage());
  }

  @Test
  void wrongTypeNamesTheKey() {
    LakemlException e = fails(List.of(), List.of("lakeml.cv.folds=many"));
    assertTrue(e.getMessage().startsWith("Invalid lakeml.cv.folds: expected a whole number"),
        e.getMessage());
  }

  @Test
  void invalidValueSaysWhatIsExpected() {
    assertEquals("Invalid lakeml.cv.folds: 1 (must be >= 2 and <= 20)",
        fails(List.of(), List.of("lakeml.cv.folds=1")).getMessage());
    assertEquals("Invalid lakeml.split.holdout-fraction: 0.0 (must be > 0 and < 0.9)",
        fails(List.of(), List.of("lakeml.split.holdout-fraction=0")).getMessage());
    assertEquals("Invalid lakeml.search.max-trials: 0 (must be >= 1)",
        fails(List.of(), List.of("lakeml.search.max-trials=0")).getMessage());
    assertEquals("Invalid lakeml.run.id: \"a b\" (letters, digits, '.', '_' or '-', starting "
        + "with a letter or digit, at most 128)",
        fails(List.of(), List.of("lakeml.run.id=a b")).getMessage());
    assertTrue(fails(List.of(), List.of("lakeml.label.task=binar")).getMessage()
        .startsWith("Invalid lakeml.label.task: \"binar\" (expected one of [auto, binary,"));
  }

  @Test
  void sectionReplacedByScalarFails() {
    LakemlException e = fails(List.of(), List.of("lakeml.cv=5"));
    assertTrue(e.getMessage().startsWith("Invalid lakeml.cv: 5 (expected a section"),
        e.getMessage());
  }

  @Test
  void setKeepsUrisAndTypesValues() {
    Settings s = Settings.from(ConfigLoader.load(List.of(), List.of(
        "lakeml.lake.root=s3a://bucket/lake", "lakeml.input.exclude-columns=[a, b]",
        "lakeml.spark.conf.\"spark.sql.shuffle.partitions\"=8", "lakeml.label.column=y")));
    assertEquals("s3a://bucket/lake", s.lakeRoot());
    assertEquals(List.of("a", "b"), s.input().excludeColumns());
    assertEquals("8", s.spark().conf().get("spark.sql.shuffle.partitions"));
    assertEquals("y", s.label().column());
  }

  @Test
  void setOutsideLakemlAndMissingFileFail() {
    assertTrue(fails(List.of(), List.of("cv.folds=5")).getMessage()
        .contains("did you mean lakeml.cv.folds?"));
    assertTrue(fails(List.of(dir.resolve("nope.conf").toString()), List.of()).getMessage()
        .startsWith("Config file not found: "));
  }

  @Test
  void pathAndTableTogetherFail() {
    LakemlException e = fails(List.of(),
        List.of("lakeml.input.path=/x", "lakeml.input.table=db.t"));
    assertTrue(e.getMessage().startsWith("Invalid lakeml.input.table: \"db.t\""), e.getMessage());
  }

  @Test
  void searchSpaceValuesMustBeScalarLists() throws IOException {
    String f = file("s.conf", "lakeml.search.space.random_forest.maxDepth = [[1]]");
    LakemlException e = fails(List.of(f), List.of());
    assertTrue(e.getMessage().startsWith("Invalid lakeml.search.space.random_forest.maxDepth"),
        e.getMessage());
  }

  @Test
  void shippedPipelineConfLoadsWithItsSiteConf() {
    Config c = ConfigLoader.load(List.of("../conf/pipelines/credit_demo.conf"), List.of());
    Settings s = Settings.from(c);
    assertEquals("credit_demo", s.run().name());
    assertEquals("status", s.label().column());
    assertEquals("lake/datasets/credit_data", s.input().path());
    assertEquals("WARN", s.spark().logLevel());
  }

  @Test
  void envFilesSetTheLakeRootWhateverTheOrder() {
    String pipeline = "../conf/pipelines/credit_demo.conf";
    Map<String, String> roots = Map.of("standalone", "s3a://lakeml/lake", "yarn",
        "hdfs:///lakeml/lake", "kubernetes", "s3a://lakeml-bucket/lake", "local", "lake");
    roots.forEach((env, root) -> {
      String file = "../conf/env/" + env + ".conf";
      for (List<String> files : List.of(List.of(pipeline, file), List.of(file, pipeline))) {
        Settings s = Settings.from(ConfigLoader.load(files, List.of()));
        assertEquals(root, s.lakeRoot(), files.toString());
        assertEquals(root + "/datasets/credit_data", s.input().path(), files.toString());
      }
    });
  }

  @Test
  void secretSparkSettingsAreRedactedInTheRecordedConfig() {
    Settings s = Settings.from(ConfigLoader.load(List.of(), List.of(
        "lakeml.spark.conf={\"spark.hadoop.fs.s3a.secret.key\" = hunter2, "
            + "\"spark.hadoop.fs.s3a.access.key\" = AKIA1, "
            + "\"spark.sql.shuffle.partitions\" = \"8\"}",
        "lakeml.spark.conf.spark.hadoop.fs.azure.account.oauth2.client.secret=s3cr3t")));
    assertEquals("hunter2", s.spark().conf().get("spark.hadoop.fs.s3a.secret.key"),
        "the session still gets the value");
    assertEquals("s3cr3t", s.spark().conf().get(
        "spark.hadoop.fs.azure.account.oauth2.client.secret"), "an unquoted key is one setting");
    assertEquals(4, s.spark().conf().size(), s.spark().conf().toString());
    String json = s.configJson();
    assertTrue(!json.contains("hunter2") && !json.contains("AKIA1") && !json.contains("s3cr3t"),
        json);
    assertTrue(json.contains("\"spark.sql.shuffle.partitions\":\"8\""), json);
    assertTrue(json.contains(Settings.REDACTED), json);
  }

  @Test
  void cliArgs() {
    CliArgs a = CliArgs.parse("--config", "a.conf", "--set", "lakeml.cv.folds=4", "--run-id",
        "r1", "--config=b.conf");
    assertEquals(List.of("a.conf", "b.conf"), a.configFiles());
    assertEquals(List.of("lakeml.cv.folds=4", "lakeml.run.id=r1"), a.overrides());
    assertEquals("Unknown argument --conf (expected --config FILE, --set KEY=VALUE, --run-id ID, "
        + "--check-config or --help)", assertThrows(LakemlException.class,
            () -> CliArgs.parse("--conf", "x")).getMessage());
    assertEquals("Missing value after --set",
        assertThrows(LakemlException.class, () -> CliArgs.parse("--set")).getMessage());
  }

  @Test
  void seedsDerivePerPurposeStably() {
    RunSettings run = new RunSettings("r", "n", 42);
    assertEquals(run.seedFor("split"), new RunSettings("other", "n", 42).seedFor("split"));
    assertTrue(run.seedFor("split") != run.seedFor("trial.1"));
    assertTrue(run.seedFor("split") != new RunSettings("r", "n", 43).seedFor("split"));
  }

  @Test
  void featureStoreKeysAreReadAndChecked() throws IOException {
    String f = file("fs.conf", "lakeml.feature-store.tables.t { owner = o, entity-keys = [id], "
        + "event-time = at, source.path = x, features = [{ name = a, type = int, "
        + "description = d }] }\nlakeml.input { features = [\"t.*\"], event-time = at, "
        + "max-feature-age = 30d, feature-versions.t = 3 }\n"
        + "lakeml.import-csv.more = [{ source = a.csv, target = lake/a }]");
    Settings s = Settings.from(ConfigLoader.load(List.of(f), List.of()));
    assertEquals("lake/features", s.featureStore().store().root());
    assertEquals(List.of("t"), s.featureStore().tablesToMaterialize());
    assertEquals(java.time.Duration.ofDays(30), s.trainingSet().maxFeatureAge().orElseThrow());
    assertEquals(java.util.Map.of("t", 3L), s.trainingSet().spec().orElseThrow().versions());
    assertEquals("lake/a", s.importCsv().more().get(0).target());

    assertTrue(fails(List.of(f), List.of("lakeml.input.event-time=null")).getMessage()
        .startsWith("Invalid lakeml.input.event-time: null (the label events' time column is "
            + "required with lakeml.input.features"));
    assertTrue(fails(List.of(f), List.of("lakeml.feature-store.materialize=[u]")).getMessage()
        .startsWith("Invalid lakeml.feature-store.materialize: \"u\" (not a declared feature "
            + "table; declared: [t])"));
    assertTrue(fails(List.of(f), List.of("lakeml.input.feature-versions.t=1.5")).getMessage()
        .startsWith("Invalid lakeml.input.feature-versions.t: 1.5"));
    assertTrue(fails(List.of(f), List.of("lakeml.input.max-feature-age=soon")).getMessage()
        .startsWith("Invalid lakeml.input.max-feature-age: expected a duration"));
    assertTrue(fails(List.of(f), List.of("lakeml.import-csv.more=[{ source = a.csv }]"))
        .getMessage().startsWith("Missing lakeml.import-csv.more[0].target"));
    assertTrue(fails(List.of(f), List.of("lakeml.feature-store.tables.t.colour=red"))
        .getMessage().startsWith("Unknown config key lakeml.feature-store.tables.t.colour"));
  }
}
