package io.lakeml.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lakeml.config.InputSettings;
import io.lakeml.config.LabelSettings;
import io.lakeml.config.PrepSettings;
import io.lakeml.config.SplitSettings;
import io.lakeml.intake.Intake;
import io.lakeml.intake.IntakeResult;
import io.lakeml.lake.PinnedTable;
import io.lakeml.lake.TableRef;
import io.lakeml.testing.SparkTest;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class FeaturePipelineTest {

  private static IntakeResult intake(Dataset<Row> data) {
    return new Intake(new InputSettings("/t", null, null, null, List.of(), List.of()),
        new LabelSettings("y", Optional.empty(), 20, null),
        io.lakeml.config.IntakeSettings.defaults(), new SplitSettings(0.2, 2))
        .run(new PinnedTable(TableRef.path("/t"), 0, data));
  }

  @Test
  void imputesMediansAndEncodesUnseenAndNullCategories() {
    // x: 1..9 and a null (median 5); c: a (6 rows), b (4 rows); flag boolean.
    Dataset<Row> train = SparkTest.spark().sql("SELECT IF(id = 9, NULL, CAST(id + 1 AS DOUBLE))"
        + " AS x, IF(id < 6, 'a', 'b') AS c, id % 2 = 0 AS flag, id % 2 AS y FROM range(10)");
    IntakeResult in = intake(train);
    PipelineModel model = FeaturePipeline.build(in, PrepSettings.defaults(), Optional.empty()).fit(in.data());
    Dataset<Row> fresh = SparkTest.spark().sql("SELECT CAST(NULL AS DOUBLE) AS x, 'zzz' AS c, "
        + "true AS flag, 0 AS y UNION ALL SELECT 2.0, NULL, false, 1 UNION ALL SELECT 3.0, 'b', "
        + "true, 1");
    List<Row> out = model.transform(fresh).select(FeaturePipeline.FEATURES).collectAsList();
    // [x missing] ++ [x imputed] ++ c one-hot [a, b, null-or-unseen] ++ flag one-hot
    Vector unseen = out.get(0).getAs(0);
    Vector nullCat = out.get(1).getAs(0);
    Vector known = out.get(2).getAs(0);
    assertEquals(8, unseen.size());
    assertEquals(1.0, unseen.apply(0), "x was null: missing indicator");
    assertEquals(5.0, unseen.apply(1), "median of 1..9");
    assertEquals("[0.0,0.0,1.0]", slice(unseen, 2), "unseen category: its own bucket");
    assertEquals("[0.0,0.0,1.0]", slice(nullCat, 2), "null category: the same bucket");
    assertEquals(0.0, nullCat.apply(0));
    assertEquals(2.0, nullCat.apply(1));
    assertEquals("[0.0,1.0,0.0]", slice(known, 2));
    assertEquals(3, known.numNonzeros(), "x, c=b, flag=true");

    // With clipping, a null stays missing: imputed with the median, not set to a bound.
    PrepSettings clip = new PrepSettings(false, 0.2, true, 20, PrepSettings.ClassWeights.OFF,
        0.2);
    Vector clippedNull = FeaturePipeline.build(in, clip, Optional.empty()).fit(in.data())
        .transform(fresh).select(FeaturePipeline.FEATURES).head().getAs(0);
    assertEquals(5.0, clippedNull.apply(0), "median of the clipped 1..9");
  }

  @Test
  void datesTextAndHighCardinalityFitAndScoreUnseenRows() {
    Dataset<Row> train = SparkTest.spark().sql("SELECT "
        + "DATE_ADD(DATE'2024-01-01', CAST(id % 90 AS INT)) AS day, "
        + "CONCAT('late delivery of parcel ', CAST(id % 200 AS STRING), ' again') AS note, "
        + "CONCAT('z', CAST(id * 7 % 300 AS STRING)) AS zip, "
        + "IF(id % 3 = 0, 'a', 'b') AS y FROM range(600)");
    IntakeResult in = intake(train);
    assertEquals(List.of("day"), in.datetimeFeatures());
    assertEquals(List.of("note"), in.textFeatures());
    assertEquals(List.of("zip"), in.highCardinalityFeatures());
    PipelineModel model = FeaturePipeline.build(in, PrepSettings.defaults(), Optional.empty()).fit(in.data());
    Dataset<Row> fresh = SparkTest.spark().sql("SELECT CAST(NULL AS DATE) AS day, "
        + "CAST(NULL AS STRING) AS note, 'never-seen' AS zip, 'a' AS y UNION ALL "
        + "SELECT DATE'2030-06-30', 'brand new words only', 'z7', 'b'");
    List<Row> out = model.transform(fresh).select(FeaturePipeline.FEATURES).collectAsList();
    Vector unseen = out.get(0).getAs(0);
    Vector known = out.get(1).getAs(0);
    // 4 date parts (a date has no hour) + zip target-encoded (binary task) + 1024 hashed words.
    assertEquals(4 + 1 + FeaturePipeline.TEXT_FEATURES, unseen.size());
    assertEquals(2024.0, unseen.apply(0), "imputed median year");
    assertEquals(2030.0, known.apply(0));
    assertEquals(6.0, known.apply(1), "month");
    assertEquals(400.0 / 600, unseen.apply(4), 1e-9, "unseen zip: the overall rate of b");
    // The target-encoded slot is numeric: as a nominal one of 300 values (the indexer's metadata,
    // which Spark's encoder passes on) every tree family failed on maxBins.
    Dataset<Row> prepared = model.transform(in.data());
    org.apache.spark.ml.attribute.AttributeGroup slots = org.apache.spark.ml.attribute
        .AttributeGroup.fromStructField(prepared.schema().apply(FeaturePipeline.FEATURES));
    assertEquals("zip__str__te", slots.getAttr(4).name().get());
    assertFalse(slots.getAttr(4).isNominal(), slots.getAttr(4).toString());
    assertEquals(2, new org.apache.spark.ml.classification.RandomForestClassifier()
        .setLabelCol(io.lakeml.intake.LabelInfo.INDEXED).setFeaturesCol(FeaturePipeline.FEATURES)
        .setNumTrees(2).setMaxDepth(3).fit(prepared).getNumTrees());

    // Multiclass, or target encoding off: top values one-hot plus "other".
    PrepSettings noTe = new PrepSettings(true, 0.0, false, 20, PrepSettings.ClassWeights.AUTO,
        0.2);
    Vector topK = FeaturePipeline.build(in, noTe, Optional.empty()).fit(in.data()).transform(fresh)
        .select(FeaturePipeline.FEATURES).head().getAs(0);
    // zip: 50 kept values + other + null/unseen bucket, the last dropped by the encoder.
    assertEquals(4 + 52 + FeaturePipeline.TEXT_FEATURES, topK.size());
  }

  private static String slice(Vector v, int from) {
    return "[" + v.apply(from) + "," + v.apply(from + 1) + "," + v.apply(from + 2) + "]";
  }
}
