package io.lakeml.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.InputSettings;
import io.lakeml.config.LabelSettings;
import io.lakeml.config.SplitSettings;
import io.lakeml.intake.Intake;
import io.lakeml.intake.IntakeResult;
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
class FoldAssignerTest {
  private static final SplitSettings SPLIT = new SplitSettings(0.2, 3);

  private static IntakeResult intake(Dataset<Row> data) {
    return new Intake(new InputSettings("/t", null, null, null, List.of(), List.of()),
        new LabelSettings("y", Optional.empty(), 20, null),
        io.lakeml.config.IntakeSettings.defaults(), SPLIT)
        .run(new PinnedTable(TableRef.path("/t"), 0, data));
  }

  /** 1000 rows, 90 of class "rare". */
  private static Dataset<Row> imbalanced() {
    return SparkTest.spark().sql("SELECT id, CAST(id * 7 % 13 AS DOUBLE) AS x, "
        + "IF(id % 11 = 0 AND id < 990, 'rare', 'common') AS y FROM range(1000)");
  }

  private static String assignment(Dataset<Row> assigned) {
    return assigned.orderBy("id").select(FoldAssigner.HOLDOUT, FoldAssigner.FOLD)
        .collectAsList().toString();
  }

  @Test
  void holdoutAndFoldsAreExactlyStratified() {
    Dataset<Row> a = new FoldAssigner(SPLIT, 1, List.of()).assign(intake(imbalanced()));
    List<Row> perClass = a.groupBy("y", FoldAssigner.FOLD).count().orderBy("y", FoldAssigner.FOLD)
        .collectAsList();
    // common: 910 rows -> 182 holdout, 728 train -> 243/243/242; rare: 90 -> 18, 72 -> 24 x 3.
    assertEquals("[[common,-1,182], [common,0,243], [common,1,243], [common,2,242], "
        + "[rare,-1,18], [rare,0,24], [rare,1,24], [rare,2,24]]", perClass.toString());
    assertEquals(0, a.where("_lakeml_holdout <> (_lakeml_fold = -1)").count());
  }

  @Test
  void sameSeedSameAssignmentWhateverTheRowOrder() {
    IntakeResult in = intake(imbalanced());
    String first = assignment(new FoldAssigner(SPLIT, 1, List.of()).assign(in));
    IntakeResult shuffled = intake(imbalanced().repartition(3).orderBy("x"));
    assertEquals(first, assignment(new FoldAssigner(SPLIT, 1, List.of()).assign(shuffled)));
    assertNotEquals(first, assignment(new FoldAssigner(SPLIT, 2, List.of()).assign(in)));
  }

  @Test
  void keyColumnsDecideTheAssignment() {
    IntakeResult in = intake(imbalanced());
    IntakeResult changedX = intake(imbalanced().selectExpr("id", "x + 1 AS x", "y"));
    FoldAssigner byId = new FoldAssigner(SPLIT, 1, List.of("id"));
    assertEquals(assignment(byId.assign(in)), assignment(byId.assign(changedX)));
  }

  @Test
  void regressionIsStratifiedByLabelDecile() {
    Dataset<Row> data = SparkTest.spark().sql("SELECT id, rand(3) AS x, id * 0.25 AS y "
        + "FROM range(1000)");
    Dataset<Row> a = new FoldAssigner(SPLIT, 3, List.of()).assign(intake(data));
    assertEquals(200, a.where("_lakeml_holdout").count());
    // Each decile of y (100 rows) gives 20 holdout rows.
    List<Row> perDecile = a.where("_lakeml_holdout")
        .selectExpr("CAST(y / 25 AS INT) AS decile").groupBy("decile").count().collectAsList();
    perDecile.forEach(r -> assertTrue(Math.abs(r.getLong(1) - 20) <= 1, perDecile.toString()));
  }
}
