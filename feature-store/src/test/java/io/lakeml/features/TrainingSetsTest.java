package io.lakeml.features;

import static io.lakeml.features.StoreFixture.row;
import static io.lakeml.features.StoreFixture.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.LakemlException;
import io.lakeml.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class TrainingSetsTest {
  static final StructType PROFILE = new StructType().add("customer_id", DataTypes.IntegerType)
      .add("updated_at", DataTypes.TimestampType).add("income", DataTypes.IntegerType);
  static final StructType TX = new StructType().add("customer_id", DataTypes.IntegerType)
      .add("day", DataTypes.DateType).add("amount", DataTypes.DoubleType);
  static final StructType LABELS = new StructType().add("customer_id", DataTypes.IntegerType)
      .add("applied_at", DataTypes.TimestampType).add("defaulted", DataTypes.StringType);

  @TempDir Path dir;

  private FeatureStore store() {
    return StoreFixture.store(dir, ""
        + "profile { owner = o, entity-keys = [customer_id], event-time = updated_at, "
        + "  source.path = \"${src}/profile\", "
        + "  features = [{ name = income, type = int, description = d }] }\n"
        + "spend { owner = o, entity-keys = [customer_id], event-time = day, "
        + "  source { sql = \"SELECT customer_id, day, sum(amount) AS spend_day FROM tx "
        + "GROUP BY customer_id, day\", inputs.tx.path = \"${src}/tx\" }, "
        + "  features = [{ name = spend_day, type = double, description = d }] }");
  }

  @Test
  void joinsEveryTableAsOfTheLabelAndRebuildsExactlyFromPinnedVersions() {
    FeatureStore store = store();
    StoreFixture.writeSource(dir, "profile", PROFILE, List.of(
        row(1, ts("2024-01-01"), 1000), row(1, ts("2024-03-01"), 5000),
        row(2, ts("2024-01-10"), 2000)));
    StoreFixture.writeSource(dir, "tx", TX, List.of(
        row(1, java.sql.Date.valueOf("2024-02-01"), 10.0),
        row(1, java.sql.Date.valueOf("2024-02-01"), 5.0),
        row(2, java.sql.Date.valueOf("2024-02-20"), 7.0)));
    List<Materialization> done = new FeatureMaterialization(SparkTest.spark(), store)
        .run("m1", List.of("profile", "spend"));
    assertEquals(Map.of(dir.resolve("src/tx").toString(), 0L), done.get(1).sourceVersions());

    Dataset<Row> labels = SparkTest.spark().createDataFrame(List.of(
        row(1, ts("2024-02-15"), "no"), row(1, ts("2024-03-01"), "yes"),
        row(2, ts("2024-02-01"), "no"), row(3, ts("2024-02-01"), "no"),
        // Same day as customer 1's spend: a daily value is known only once its day is over.
        row(1, ts("2024-02-01 10:00:00"), "same-day")), LABELS);
    TrainingSetSpec spec = new TrainingSetSpec("applied_at", List.of("profile.*",
        "spend.spend_day"), Optional.empty(), Map.of(), "lakeml.input");
    TrainingSets sets = new TrainingSets(SparkTest.spark(), store);
    TrainingSet set = sets.build(labels, "labels", spec);
    assertEquals(List.of("income", "spend_day"), set.featureColumns());
    assertEquals(List.of("customer_id"), set.keyColumns());
    // Version 0 creates each table (keys and event time as properties), 1 is the first MERGE.
    assertEquals(Map.of("profile", 1L, "spend", 1L), set.featureVersions());
    List<Row> rows = set.data().orderBy("customer_id", "applied_at").collectAsList();
    assertEquals(List.of(row(1, ts("2024-02-01 10:00:00"), "same-day", 1000, null),
        row(1, ts("2024-02-15"), "no", 1000, 15.0), row(1, ts("2024-03-01"), "yes", 5000, 15.0),
        row(2, ts("2024-02-01"), "no", 2000, null), row(3, ts("2024-02-01"), "no", null, null)),
        rows.stream().map(r -> row(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4))).toList());

    // New feature data arrives: the latest versions give other values, the pinned ones the same.
    StoreFixture.writeSource(dir, "profile", PROFILE, List.of(
        row(1, ts("2024-01-01"), 1000), row(1, ts("2024-03-01"), 5000),
        row(2, ts("2024-01-10"), 2000), row(1, ts("2024-02-10"), 3000)));
    new FeatureMaterialization(SparkTest.spark(), store).run("m2", List.of("profile"));
    TrainingSet latest = sets.build(labels, "labels", spec);
    assertNotEquals(set.featureVersions(), latest.featureVersions());
    assertEquals(3000, latest.data().where("customer_id = 1 AND defaulted = 'no'").head()
        .getInt(3));
    TrainingSet replay = sets.build(labels, "labels", new TrainingSetSpec("applied_at",
        spec.features(), Optional.empty(), set.featureVersions(), "lakeml.input"));
    assertEquals(rows, replay.data().orderBy("customer_id", "applied_at").collectAsList());
    LakemlException e = assertThrows(LakemlException.class, () -> sets.build(labels, "labels",
        new TrainingSetSpec("applied_at", spec.features(), Optional.empty(),
            Map.of("profile", 9L), "lakeml.input")));
    assertTrue(e.getMessage().startsWith("Invalid lakeml.input.feature-versions.profile: 9 "
        + "(feature table profile at "), e.getMessage());
  }

  @Test
  void referencesAreChecked() {
    TrainingSets sets = new TrainingSets(SparkTest.spark(), store());
    Dataset<Row> labels = SparkTest.spark().createDataFrame(List.of(), LABELS);
    LakemlException e = assertThrows(LakemlException.class, () -> sets.build(labels, "labels",
        new TrainingSetSpec("applied_at", List.of("profile.age"), Optional.empty(), Map.of(),
            "lakeml.input")));
    assertTrue(e.getMessage().contains("Invalid lakeml.input.features: \"profile.age\" "
        + "(feature table profile declares no feature age"), e.getMessage());
    e = assertThrows(LakemlException.class, () -> sets.build(labels, "labels",
        new TrainingSetSpec("applied_at", List.of("profile"), Optional.empty(), Map.of(),
            "lakeml.input")));
    assertTrue(e.getMessage().contains("expected table.feature or table.*"), e.getMessage());
    e = assertThrows(LakemlException.class, () -> sets.build(labels, "labels",
        new TrainingSetSpec("applied_at", List.of("profile.income"), Optional.empty(),
            Map.of(), "lakeml.input")));
    assertTrue(e.getMessage().contains("Feature table profile (used by lakeml.input.features) "
        + "has not been materialized"), e.getMessage());
    e = assertThrows(LakemlException.class, () -> sets.build(labels.withColumnRenamed(
        "defaulted", "income"), "labels", new TrainingSetSpec("applied_at",
        List.of("profile.income"), Optional.empty(), Map.of(), "lakeml.input")));
    assertTrue(e.getMessage().contains("column income would come from both labels and feature "
        + "table profile"), e.getMessage());
  }
}
