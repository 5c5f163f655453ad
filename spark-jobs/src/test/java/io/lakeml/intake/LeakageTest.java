package io.lakeml.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.ConfigLoader;
import io.lakeml.config.LakemlException;
import io.lakeml.config.Settings;
import io.lakeml.lake.PinnedTable;
import io.lakeml.lake.TableRef;
import io.lakeml.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class LeakageTest {

  private static IntakeResult intake(String sql, String... sets) {
    List<String> all = new ArrayList<>(List.of("lakeml.label.column=y"));
    all.addAll(List.of(sets));
    Settings s = Settings.from(ConfigLoader.load(List.of(), all));
    return new Intake(s.input(), s.label(), s.intake(), s.split())
        .run(new PinnedTable(TableRef.path("/t"), 0, SparkTest.spark().sql(sql)));
  }

  private static ColumnProfile col(IntakeResult r, String name) {
    return ProfileTest.profile(r, name);
  }

  private static final String BINARY = "SELECT IF(u < 0.3, 'yes', 'no') AS y, "
      + "IF(u < 0.3, 'Y', 'N') AS copy, "                 // the label renamed
      + "ROUND(u * 1000, 1) AS score, "                   // threshold at 300 separates classes
      + "IF(u < 0.3, 1, 0) + 0 AS flag01, "               // the label as 0/1
      + "ROUND(rand(9) * 50, 2) AS honest, "
      + "CONCAT('k', CAST(FLOOR(rand(8) * 6) AS INT)) AS cat "
      + "FROM (SELECT rand(4) AS u FROM range(2000))";

  @Test
  void featuresThatDetermineABinaryLabelAreDropped() {
    IntakeResult r = intake(BINARY);
    for (String leak : List.of("copy", "score", "flag01")) {
      assertFalse(col(r, leak).kept(), leak + ": " + col(r, leak).reason());
      assertTrue(col(r, leak).reason().startsWith("leak: leakage score "), col(r, leak).reason());
      assertTrue(col(r, leak).leakageScore() >= 0.99);
    }
    assertTrue(col(r, "honest").kept());
    assertTrue(col(r, "cat").kept());
    assertTrue(col(r, "honest").leakageScore() < 0.6, "" + col(r, "honest").leakageScore());
  }

  @Test
  void warnKeepsAndFailStops() {
    IntakeResult r = intake(BINARY, "lakeml.intake.leakage.action=warn");
    assertTrue(col(r, "copy").kept());
    assertTrue(col(r, "copy").reason().contains("possible leak"));
    LakemlException e = assertThrows(LakemlException.class,
        () -> intake(BINARY, "lakeml.intake.leakage.action=fail"));
    assertTrue(e.getMessage().startsWith("Column copy of the Delta table at /t (lakeml.input.path)"
        + " at version 0 has leakage score 1.0000 >= 0.99 (lakeml.intake.leakage.threshold): "
        + "nearly determines the label y; lakeml.intake.leakage.action = fail."), e.getMessage());
  }

  @Test
  void leakageIsScoredOnTheTrainingRowsGivenOnly() {
    // z copies the label where part = 'train' and is noise elsewhere (the part a holdout is).
    String sql = "SELECT IF(u < 0.4, 'yes', 'no') AS y, IF(part = 'train', IF(u < 0.4, 'Z', "
        + "'W'), IF(rand(3) < 0.5, 'Z', 'W')) AS z, rand(5) AS honest, part FROM (SELECT rand(4) "
        + "AS u, IF(id % 5 = 0, 'holdout', 'train') AS part FROM range(2000))";
    Settings s = Settings.from(ConfigLoader.load(List.of(), List.of("lakeml.label.column=y",
        "lakeml.input.exclude-columns=[part]")));
    Intake stage = new Intake(s.input(), s.label(), s.intake(), s.split());
    Intake.Labelled labelled = stage.validate(new PinnedTable(TableRef.path("/t"), 0,
        SparkTest.spark().sql(sql)));
    IntakeResult all = stage.profile(labelled, labelled.data());
    IntakeResult train = stage.profile(labelled, labelled.data().where("part = 'train'"));
    assertTrue(col(all, "z").kept(), "on all rows z is no leak: " + col(all, "z").leakageScore());
    assertFalse(col(train, "z").kept(), "on the training rows z copies the label");
    assertEquals(2000, train.rowsRead(), "the result still describes every row");
  }

  @Test
  void multiclassAndRegressionLeaks() {
    IntakeResult multi = intake("SELECT CONCAT('c', CAST(id % 4 AS STRING)) AS y, "
        + "CAST(id % 4 AS DOUBLE) * 2.5 AS code, rand(5) AS honest FROM range(800)");
    assertFalse(col(multi, "code").kept(), col(multi, "code").reason());
    assertTrue(col(multi, "honest").kept());

    IntakeResult reg = intake("SELECT y, y * 3 + 1 AS scaled, "
        + "IF(y > 0, 'pos', 'neg') AS sign, g, noise FROM (SELECT rand(6) * 10 - 5 AS y, "
        + "CONCAT('g', CAST(id % 5 AS STRING)) AS g, rand(7) AS noise FROM range(1000))");
    assertFalse(col(reg, "scaled").kept(), col(reg, "scaled").reason());
    assertEquals(1.0, col(reg, "scaled").leakageScore(), 1e-9);
    assertTrue(col(reg, "noise").kept());
    assertTrue(col(reg, "g").kept());
    assertTrue(col(reg, "sign").kept(), "explains only part of y: " + col(reg, "sign")
        .leakageScore());
  }
}
