package io.lakeml.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.InputSettings;
import io.lakeml.config.LabelSettings;
import io.lakeml.config.LakemlException;
import io.lakeml.config.SplitSettings;
import io.lakeml.config.Task;
import io.lakeml.lake.PinnedTable;
import io.lakeml.lake.TableRef;
import io.lakeml.testing.SparkTest;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class IntakeTest {
  private static final String T = "Delta table at /lake/t (lakeml.input.path) at version 3";

  private static Dataset<Row> sql(String query) {
    return SparkTest.spark().sql(query);
  }

  /** n rows: x numeric, c string; label given as a SQL expression over id. */
  private static Dataset<Row> rows(int n, String labelExpr) {
    return sql("SELECT ROUND(rand(7) * 100, 2) AS x, CONCAT('c', id * 7 % 5) AS c, " + labelExpr
        + " AS y FROM range(" + n + ")");
  }

  private static IntakeResult intake(Dataset<Row> data, Optional<Task> task, String positive,
      List<String> exclude) {
    return new Intake(new InputSettings("/lake/t", null, null, null, exclude, List.of()),
        new LabelSettings("y", task, 20, positive), io.lakeml.config.IntakeSettings.defaults(),
        new SplitSettings(0.2, 3))
        .run(new PinnedTable(TableRef.path("/lake/t"), 3, data));
  }

  private static IntakeResult intake(Dataset<Row> data) {
    return intake(data, Optional.empty(), null, List.of());
  }

  private static String error(Dataset<Row> data) {
    return assertThrows(LakemlException.class, () -> intake(data)).getMessage();
  }

  @Test
  void stringLabelIsBinaryWithSecondSortedValuePositive() {
    IntakeResult r = intake(rows(40, "IF(id % 4 = 0, 'yes', 'no')"));
    assertEquals(Task.BINARY, r.label().task());
    assertEquals(List.of("no", "yes"), r.label().classes());
    assertEquals(List.of("x"), r.numericFeatures());
    assertEquals(List.of("c"), r.categoricalFeatures());
    assertEquals(10L, r.data().where("y = 'yes' AND _lakeml_label = 1.0").count());
  }

  @Test
  void positiveClassMovesToIndexOne() {
    IntakeResult r = intake(rows(40, "IF(id % 4 = 0, 'bad', 'good')"), Optional.empty(), "bad",
        List.of());
    assertEquals(List.of("good", "bad"), r.label().classes());
    assertEquals(10L, r.data().where("y = 'bad' AND _lakeml_label = 1.0").count());
    String e = assertThrows(LakemlException.class, () -> intake(
        rows(40, "IF(id % 4 = 0, 'bad', 'good')"), Optional.empty(), "Bad", List.of()))
        .getMessage();
    assertEquals("Invalid lakeml.label.positive-class: \"Bad\" (not a value of label column y of "
        + "the " + T + "; its values are [bad, good])", e);
  }

  @Test
  void numericLabelsInferTask() {
    assertEquals(Task.BINARY, intake(rows(40, "id % 2")).label().task());
    IntakeResult multi = intake(rows(60, "CAST(id % 3 AS INT) * 10"));
    assertEquals(Task.MULTICLASS, multi.label().task());
    assertEquals(List.of("0", "10", "20"), multi.label().classes());
    assertEquals(Task.REGRESSION, intake(rows(60, "id * 0.5")).label().task());
    assertEquals(Task.REGRESSION, intake(rows(60, "id")).label().task());
  }

  @Test
  void nullLabelsAreDroppedAndCounted() {
    IntakeResult r = intake(rows(50, "IF(id % 10 = 0, NULL, IF(id % 2 = 0, 'a', 'b'))"));
    assertEquals(50, r.rowsRead());
    assertEquals(5, r.rowsDroppedNullLabel());
    assertEquals(45, r.data().count());
  }

  @Test
  void nanLabelsAreDroppedLikeNulls() {
    IntakeResult r = intake(rows(60, "IF(id % 10 = 0, CAST('NaN' AS DOUBLE), id * 0.5)"));
    assertEquals(6, r.rowsDroppedNullLabel());
    assertEquals(54, r.data().count());
  }

  @Test
  void dottedColumnNamesAreRejected() {
    assertEquals("Column a.b of the " + T + " has a '.' or '`' in its name, which lakeml does not "
        + "support; rename it (e.g. in a view or with Delta column mapping)",
        error(sql("SELECT rand(1) AS `a.b`, id % 2 AS y FROM range(20)")));
  }

  @Test
  void excludedColumnsAreNotFeatures() {
    IntakeResult r = intake(rows(40, "id % 2"), Optional.empty(), null, List.of("c"));
    assertEquals(List.of(), r.categoricalFeatures());
  }

  @Test
  void badInputsFailNamingTableColumnAndKey() {
    assertEquals("The " + T + " is empty: no rows to train on",
        error(rows(0, "'a'")));
    assertEquals("Label column y (lakeml.label.column) of the " + T + " is null in all 10 rows",
        error(rows(10, "CAST(NULL AS STRING)")));
    assertEquals("Label column y (lakeml.label.column) of the " + T + " has a single class [a]: "
        + "classification needs at least two", error(rows(10, "'a'")));
    assertEquals("Class b of label column y of the " + T + " has 3 rows; with lakeml.cv.folds = 3"
        + " and lakeml.split.holdout-fraction = 0.2 each class needs at least 5",
        error(rows(30, "IF(id < 3, 'b', 'a')")));
    assertEquals("Column y (lakeml.label.column) is not in the " + T + "; did you mean Y? "
        + "(names are case-sensitive)", error(sql("SELECT id AS x, id AS Y FROM range(5)")));
    assertEquals("Column y (lakeml.label.column) is not in the " + T + "; its columns are [x]",
        error(sql("SELECT id AS x FROM range(5)")));
    assertEquals("Column d of the " + T + " has type array<bigint>, which lakeml cannot use as a "
        + "feature (expected numeric, string, boolean, date or timestamp); list it in "
        + "lakeml.input.exclude-columns to leave it out",
        error(sql("SELECT id AS x, array(id) AS d, id % 2 AS y FROM range(20)")));
    assertEquals("The " + T + " has columns x and X, which differ only in case; rename one "
        + "(Spark resolves names case-insensitively)",
        error(sql("SELECT id AS x, id AS X, id % 2 AS y FROM range(20)")));
    assertEquals("No usable feature in the " + T + " besides the label y: []",
        error(sql("SELECT id % 2 AS y FROM range(20)")));
  }

  @Test
  void configuredTaskMustFitTheLabel() {
    String e = assertThrows(LakemlException.class, () -> intake(rows(40, "IF(id % 2 = 0, 'a', "
        + "'b')"), Optional.of(Task.REGRESSION), null, List.of())).getMessage();
    assertEquals("lakeml.label.task is regression but label column y of the " + T
        + " is not numeric", e);
    e = assertThrows(LakemlException.class, () -> intake(rows(60, "id % 3"),
        Optional.of(Task.BINARY), null, List.of())).getMessage();
    assertEquals("lakeml.label.task is binary but label column y of the " + T
        + " has 3 classes [0, 1, 2]", e);
    e = assertThrows(LakemlException.class, () -> new Intake(
        new InputSettings("/lake/t", null, null, null, List.of("nope"), List.of()),
        new LabelSettings("y", Optional.empty(), 20, null),
        io.lakeml.config.IntakeSettings.defaults(), new SplitSettings(0.2, 3))
        .run(new PinnedTable(TableRef.path("/lake/t"), 3, rows(20, "id % 2")))).getMessage();
    assertEquals("Column nope (lakeml.input.exclude-columns) is not in the " + T
        + "; its columns are [x, c, y]", e);
  }
}
