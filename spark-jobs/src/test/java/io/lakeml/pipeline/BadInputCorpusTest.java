package io.lakeml.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lakeml.config.ConfigLoader;
import io.lakeml.config.LakemlException;
import io.lakeml.config.Settings;
import io.lakeml.jobs.AutoMLJob;
import io.lakeml.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad inputs, each with the exact message it must give, and the check that it wrote nothing:
 * the lake, which holds one earlier good run, is byte for byte the same afterwards.
 * In expected messages {T} stands for the input table's description and {P} for its path.
 */
@ExtendWith(SparkTest.class)
class BadInputCorpusTest {
  @TempDir
  static Path dir;

  private static final String GOOD = "SELECT ROUND(rand(1) * 100, 2) AS x, "
      + "CONCAT('c', CAST(id * 7 % 5 AS STRING)) AS c, IF(id % 2 = 0, 'a', 'b') AS y "
      + "FROM range(60)";
  private static final String COLUMNS = "its columns are [x, c, y]";

  private static Path lake() {
    return dir.resolve("lake");
  }

  private static String table(String name, String sql) {
    String path = dir.resolve("tables").resolve(name).toString();
    SparkTest.spark().sql(sql).write().format("delta").mode("overwrite").save(path);
    return path;
  }

  private static List<String> base(String input) {
    return new ArrayList<>(List.of("lakeml.lake.root=" + lake(), "lakeml.input.path=" + input,
        "lakeml.label.column=y", "lakeml.search.max-trials=1", "lakeml.cv.folds=2",
        "lakeml.search.space.random_forest.numTrees=[5]"));
  }

  @BeforeAll
  static void oneGoodRun() {
    String good = table("good", GOOD);
    AutoMLJob.run(SparkTest.spark(), Settings.from(ConfigLoader.load(List.of(), base(good))));
    SparkTest.spark().range(3).write().parquet(dir.resolve("tables/plain").toString());
  }

  static Stream<Arguments> cases() {
    String good = "SQL:" + GOOD;
    String rows = "SELECT rand(1) AS x, CONCAT('c', CAST(id % 3 AS STRING)) AS c, ";
    return Stream.of(
        c("empty table", "SQL:" + GOOD + " LIMIT 0", List.of(),
            "The {T} is empty: no rows to train on"),
        c("missing label column", good, List.of("lakeml.label.column=label"),
            "Column label (lakeml.label.column) is not in the {T}; " + COLUMNS),
        c("label differs in case", good, List.of("lakeml.label.column=Y"),
            "Column Y (lakeml.label.column) is not in the {T}; did you mean y? (names are "
                + "case-sensitive)"),
        c("label all null", "SQL:" + rows + "CAST(NULL AS STRING) AS y FROM range(30)", List.of(),
            "Label column y (lakeml.label.column) of the {T} is null in all 30 rows"),
        c("single class", "SQL:" + rows + "'a' AS y FROM range(30)", List.of(),
            "Label column y (lakeml.label.column) of the {T} has a single class [a]: "
                + "classification needs at least two"),
        c("too few rows in a class", "SQL:" + rows + "IF(id < 3, 'rare', 'n') AS y FROM range(40)",
            List.of(), "Class rare of label column y of the {T} has 3 rows; with lakeml.cv.folds"
                + " = 2 and lakeml.split.holdout-fraction = 0.2 each class needs at least 4"),
        c("too many folds for the rows", "SQL:" + GOOD.replace("range(60)", "range(40)"),
            List.of("lakeml.cv.folds=20"),
            "Class a of label column y of the {T} has 20 rows; with lakeml.cv.folds = 20 and "
                + "lakeml.split.holdout-fraction = 0.2 each class needs at least 26"),
        c("array column", "SQL:" + rows + "array(id) AS tags, IF(id % 2 = 0, 'a', 'b') AS y "
                + "FROM range(40)", List.of(),
            "Column tags of the {T} has type array<bigint>, which lakeml cannot use as a feature "
                + "(expected numeric, string, boolean, date or timestamp); list it in "
                + "lakeml.input.exclude-columns to leave it out"),
        c("map column", "SQL:" + rows + "map('k', id) AS m, IF(id % 2 = 0, 'a', 'b') AS y "
                + "FROM range(40)", List.of(),
            "Column m of the {T} has type map<string,bigint>, which lakeml cannot use as a "
                + "feature (expected numeric, string, boolean, date or timestamp); list it in "
                + "lakeml.input.exclude-columns to leave it out"),
        c("struct label", "SQL:SELECT rand(1) AS x, named_struct('v', id % 2) AS y FROM range(40)",
            List.of(), "Column y of the {T} has type struct<v:bigint>, which lakeml cannot use as"
                + " a label (expected numeric, string, boolean, date or timestamp); list it in "
                + "lakeml.input.exclude-columns to leave it out"),
        c("excluded column absent", good, List.of("lakeml.input.exclude-columns=[z]"),
            "Column z (lakeml.input.exclude-columns) is not in the {T}; " + COLUMNS),
        c("key column absent", good, List.of("lakeml.input.key-columns=[id]"),
            "Column id (lakeml.input.key-columns) is not in the {T}; " + COLUMNS),
        c("type override for an absent column", good, List.of("lakeml.intake.columns.zz=drop"),
            "Column zz (lakeml.intake.columns) is not in the {T}; " + COLUMNS),
        c("type override with an unknown type", good, List.of("lakeml.intake.columns.x=float"),
            "Invalid lakeml.intake.columns.x: \"float\" (expected one of [categorical, datetime, "
                + "drop, high-cardinality, identifier, numeric, text])"),
        c("numeric override on a string column", good, List.of("lakeml.intake.columns.c=numeric"),
            "Invalid lakeml.intake.columns.c: \"numeric\" (needs a numeric column; the column has "
                + "type string in the {T})"),
        c("label is also excluded", good, List.of("lakeml.input.exclude-columns=[y]"),
            "Column y is the label (lakeml.label.column) and is listed in "
                + "lakeml.input.exclude-columns; remove it from one of them"),
        c("no features left", good, List.of("lakeml.input.exclude-columns=[x, c]"),
            "No usable feature in the {T} besides the label y: [x: numeric, excluded (listed in "
                + "lakeml.input.exclude-columns), c: categorical, excluded (listed in "
                + "lakeml.input.exclude-columns)]"),
        c("only unusable columns", "SQL:SELECT id AS row_id, 'k' AS k, IF(id % 2 = 0, 'a', 'b') "
                + "AS y FROM range(40)", List.of(),
            "No usable feature in the {T} besides the label y: [row_id: identifier, dropped "
                + "(unique integers (100.0% distinct) that look like an identifier), k: constant, "
                + "dropped (a single value)]"),
        c("regression on a string label", good, List.of("lakeml.label.task=regression"),
            "lakeml.label.task is regression but label column y of the {T} is not numeric"),
        c("binary task on three classes", "SQL:" + rows + "CONCAT('k', CAST(id % 3 AS STRING)) "
                + "AS y FROM range(60)", List.of("lakeml.label.task=binary"),
            "lakeml.label.task is binary but label column y of the {T} has 3 classes "
                + "[k0, k1, k2]"),
        c("positive class not a label value", good, List.of("lakeml.label.positive-class=A"),
            "Invalid lakeml.label.positive-class: \"A\" (not a value of label column y of the {T};"
                + " its values are [a, b])"),
        c("positive class on a multiclass task", "SQL:" + rows + "CONCAT('k', CAST(id * 7 % 3 AS "
                + "STRING)) AS y FROM range(60)", List.of("lakeml.label.positive-class=k1"),
            "lakeml.label.positive-class is set (k1) but the task is multiclass, not binary"),
        c("too many classes", "SQL:SELECT rand(1) AS x, CONCAT('u', CAST(id AS STRING)) AS y "
                + "FROM range(1500)", List.of(),
            "Label column y of the {T} has about 1492 distinct non-numeric values: too many "
                + "classes (at most 1000); set lakeml.label.column to the column to predict"),
        c("leak with action fail", "SQL:SELECT IF(id % 2 = 0, 'A', 'B') AS twin, rand(1) AS x, "
                + "IF(id % 2 = 0, 'a', 'b') AS y FROM range(60)",
            List.of("lakeml.intake.leakage.action=fail"),
            "Column twin of the {T} has leakage score 1.0000 >= 0.99 "
                + "(lakeml.intake.leakage.threshold): nearly determines the label y; "
                + "lakeml.intake.leakage.action = fail. Exclude it with "
                + "lakeml.input.exclude-columns, or set the action to drop or warn"),
        c("metric of another task", good, List.of("lakeml.search.metric=rmse"),
            "Invalid lakeml.search.metric: \"rmse\" (not a metric for a binary task; use one of "
                + "[areaUnderROC, areaUnderPR, logLoss, accuracy, f1])"),
        c("unknown model family", good, List.of("lakeml.search.families=[svm]"),
            "Invalid lakeml.search.families: \"svm\" (unknown model family; known: "
                + "[logistic_regression, linear_regression, glm, decision_tree, random_forest, gbt, "
                + "linear_svc, naive_bayes, mlp, fm])"),
        c("no family fits the task", good, List.of("lakeml.search.families=[linear_regression]"),
            "Invalid lakeml.search.families: [linear_regression] (none of these families fits a "
                + "binary task with metric areaUnderROC)"),
        c("unknown strategy", good, List.of("lakeml.search.strategy=grid"),
            "Invalid lakeml.search.strategy: \"grid\" (expected random or tpe)"),
        c("log range from zero", good, List.of(
                "lakeml.search.space.gbt.stepSize={min=0, max=1, scale=log}"),
            "Invalid lakeml.search.space.gbt.stepSize: {max=1, min=0, scale=log} (a log scale "
                + "needs min > 0, got 0.0)"),
        c("portfolio of an unknown family", good, List.of(
                "lakeml.search.portfolio.xgb=[{maxDepth=3}]"),
            "Invalid lakeml.search.portfolio.xgb: \"xgb\" (unknown model family; known: "
                + "[logistic_regression, linear_regression, glm, decision_tree, random_forest, gbt, "
                + "linear_svc, naive_bayes, mlp, fm])"),
        c("portfolio value the estimator rejects", good, List.of(
                "lakeml.search.portfolio.gbt=[{maxDepth=-1}]"),
            "Invalid lakeml.search.portfolio.gbt: {maxDepth=-1}: GBTClassifier rejects maxDepth = "
                + "-1: not a valid value"),
        c("unknown model parameter", good, List.of(
                "lakeml.search.space.logistic_regression.regparam=[0.1]"),
            "Invalid lakeml.search.space.logistic_regression: LogisticRegression has no parameter"
                + " regparam"),
        c("not a Delta table", "PATH:plain", List.of(),
            "No Delta table at {P} (lakeml.input.path): expected a folder with a _delta_log"),
        c("input path missing", "PATH:missing", List.of(),
            "No Delta table at {P} (lakeml.input.path): expected a folder with a _delta_log"),
        c("version beyond the latest", good, List.of("lakeml.input.version=5"),
            "Invalid lakeml.input.version: 5 (the Delta table at {P} (lakeml.input.path) has "
                + "versions up to 0)"),
        c("timestamp before the first commit", good,
            List.of("lakeml.input.timestamp=\"2001-01-01 00:00:00\""),
            "Invalid lakeml.input.timestamp: \"2001-01-01 00:00:00\" (before the first commit of "
                + "the Delta table at {P} (lakeml.input.path))"),
        c("timestamp not a timestamp", good, List.of("lakeml.input.timestamp=last-week"),
            "Invalid lakeml.input.timestamp: \"last-week\" (expected a timestamp such as "
                + "2026-11-01 00:00:00)"),
        c("catalog table missing", good, List.of("lakeml.input.path=null",
                "lakeml.input.table=nodb.nothing"),
            "No table nodb.nothing in the catalog (lakeml.input.table)"),
        c("both path and table", good, List.of("lakeml.input.table=db.t"),
            "Invalid lakeml.input.table: \"db.t\" (set either lakeml.input.path or "
                + "lakeml.input.table, not both; path is {P})"),
        c("mistyped config key", good, List.of("lakeml.label.collumn=y"),
            "Unknown config key lakeml.label.collumn (--set lakeml.label.collumn=y); did you mean "
                + "lakeml.label.column?"));
  }

  private static Arguments c(String name, String input, List<String> sets, String expected) {
    return Arguments.of(name, input, sets, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failsWithItsMessageAndWritesNothing(String name, String input, List<String> sets,
      String expected) throws IOException {
    String path = input.startsWith("PATH:")
        ? dir.resolve("tables").resolve(input.substring(5)).toString()
        : table(name.replace(' ', '_'), input.substring(4));
    Map<String, Long> before = snapshot(lake());
    List<String> all = base(path);
    all.addAll(sets);
    LakemlException e = assertThrows(LakemlException.class, () -> AutoMLJob.run(
        SparkTest.spark(), Settings.from(ConfigLoader.load(List.of(), all))));
    String table = "Delta table at " + path + " (lakeml.input.path) at version 0";
    assertEquals(expected.replace("{T}", table).replace("{P}", path), e.getMessage());
    assertEquals(before, snapshot(lake()), "the lake must not change");
  }

  private static Map<String, Long> snapshot(Path root) throws IOException {
    Map<String, Long> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p) + "@" + Files.getLastModifiedTime(p).toMillis(),
            Files.size(p));
      }
    }
    return files;
  }

  @org.junit.jupiter.api.Test
  void theCorpusIsLargeEnough() {
    assertEquals(true, cases().count() >= 25, "issue 3 asks for at least 25 bad inputs");
  }
}
