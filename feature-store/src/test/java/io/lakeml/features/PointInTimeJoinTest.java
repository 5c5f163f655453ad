package io.lakeml.features;

import static io.lakeml.features.StoreFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.LakemlException;
import io.lakeml.testing.SparkTest;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The as-of join against a brute-force answer on random data: every feature value encodes the
 * time it became known, so any value from after a label's time (a leak), or not the latest one
 * before it, shows up as a mismatch.
 */
@ExtendWith(SparkTest.class)
class PointInTimeJoinTest {
  static final long DAY = 86_400_000L;
  static final long T0 = Timestamp.valueOf("2024-01-01 00:00:00").getTime();
  static final StructType FEATURES = new StructType().add("region", DataTypes.StringType)
      .add("id", DataTypes.LongType).add("at", DataTypes.TimestampType)
      .add("known_at_day", DataTypes.IntegerType).add("score", DataTypes.DoubleType);
  static final StructType LABELS = new StructType().add("region", DataTypes.StringType)
      .add("id", DataTypes.IntegerType).add("event_time", DataTypes.TimestampType)
      .add("label", DataTypes.IntegerType).add("score", DataTypes.StringType);

  @TempDir Path dir;

  private FeatureTable table() {
    return StoreFixture.store(dir, "f { owner = o, entity-keys = [region, id], event-time = at, "
        + "source.path = x, features = [{ name = known_at_day, type = int, description = d }, "
        + "{ name = score, type = double, description = d }] }").table("f");
  }

  @Test
  void takesTheLatestValueAtOrBeforeEachLabelNeverAfter() {
    Random random = new Random(7);
    List<Row> features = new ArrayList<>();
    Map<String, List<Integer>> days = new HashMap<>();
    for (int e = 0; e < 40; e++) {
      String region = e % 2 == 0 ? "north" : "south";
      List<Integer> seen = days.computeIfAbsent(region + "/" + e, k -> new ArrayList<>());
      for (int i = 0; i < random.nextInt(6); i++) {
        int day = random.nextInt(60);
        if (!seen.contains(day)) {
          seen.add(day);
          features.add(row(region, (long) e, time(day), day, day + e / 100.0));
        }
      }
    }
    List<Row> labels = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int e = random.nextInt(45);
      // Half the label times fall exactly on a feature time of the entity (ties included).
      List<Integer> seen = days.getOrDefault((e % 2 == 0 ? "north" : "south") + "/" + e,
          List.of());
      int day = !seen.isEmpty() && random.nextBoolean() ? seen.get(random.nextInt(seen.size()))
          : random.nextInt(70);
      labels.add(row(e % 2 == 0 ? "north" : "south", e, time(day), i, "keep-" + i));
    }
    labels.add(labels.get(0));
    Dataset<Row> stored = SparkTest.spark().createDataFrame(features, FEATURES);
    Dataset<Row> labelRows = SparkTest.spark().createDataFrame(labels, LABELS)
        .drop("score");
    for (Optional<Duration> maxAge : List.of(Optional.<Duration>empty(),
        Optional.of(Duration.ofDays(10)))) {
      List<Row> joined = PointInTimeJoin.join(labelRows, "event_time", "labels", table(), stored,
          List.of("known_at_day", "score"), maxAge).collectAsList();
      assertEquals(labels.size(), joined.size());
      assertEquals(List.of("region", "id", "event_time", "label", "known_at_day", "score"),
          List.of(joined.get(0).schema().fieldNames()));
      int withValue = 0;
      for (Row r : joined) {
        int labelDay = (int) ((r.getTimestamp(2).getTime() - T0) / DAY);
        Integer expected = days.getOrDefault(r.getString(0) + "/" + r.getInt(1), List.of())
            .stream().filter(d -> d <= labelDay).max(Integer::compare).orElse(null);
        if (expected != null && maxAge.isPresent() && labelDay - expected > 10) {
          expected = null;
        }
        Integer got = r.isNullAt(4) ? null : r.getInt(4);
        assertEquals(expected, got, "label " + r);
        if (got != null) {
          assertTrue(got <= labelDay, "leak: " + r);
          assertEquals(got + r.getInt(1) / 100.0, r.getDouble(5), 1e-9);
          withValue++;
        }
      }
      assertTrue(withValue > 100, "too few joined rows to prove anything: " + withValue);
    }
  }

  @Test
  void aValueFromTheFutureIsNeverUsed() {
    Dataset<Row> stored = SparkTest.spark().createDataFrame(List.of(
        row("north", 1L, time(5), 5, 0.1), row("north", 1L, time(10), 10, 0.9),
        row("north", 1L, time(20), 20, null)), FEATURES);
    Dataset<Row> labels = SparkTest.spark().createDataFrame(List.of(
        row("north", 1, time(9), 1, "a"), row("north", 1, time(10), 2, "b"),
        row("north", 1, time(4), 3, "c"), row("north", 1, time(21), 4, "d")), LABELS)
        .drop("score");
    List<Row> joined = PointInTimeJoin.join(labels, "event_time", "labels", table(), stored,
        List.of("score"), Optional.empty()).orderBy("label").collectAsList();
    assertEquals(0.1, joined.get(0).getDouble(4));
    assertEquals(0.9, joined.get(1).getDouble(4));
    assertNull(joined.get(2).get(4));
    // The latest row's value is null: null it is, not an older non-null value.
    assertNull(joined.get(3).get(4));
  }

  @Test
  void mismatchedKeyTypesAndMissingColumnsAreErrors() {
    Dataset<Row> stored = SparkTest.spark().createDataFrame(List.of(), FEATURES);
    Dataset<Row> labels = SparkTest.spark().createDataFrame(List.of(), LABELS);
    LakemlException e = assertThrows(LakemlException.class, () -> PointInTimeJoin.join(
        labels.withColumn("id", labels.col("id").cast("boolean")), "event_time", "labels",
        table(), stored, List.of("score"), Optional.empty()));
    assertTrue(e.getMessage().contains("Entity key id is boolean in labels but bigint in "
        + "feature table f"), e.getMessage());
    e = assertThrows(LakemlException.class, () -> PointInTimeJoin.join(labels.drop("region"),
        "event_time", "labels", table(), stored, List.of("score"), Optional.empty()));
    assertTrue(e.getMessage().contains("labels has no column region (the entity key of feature "
        + "table f (lakeml.feature-store.tables.f.entity-keys))"), e.getMessage());
    e = assertThrows(LakemlException.class, () -> PointInTimeJoin.join(labels, "label",
        "labels", table(), stored, List.of("score"), Optional.empty()));
    assertTrue(e.getMessage().contains("Event time column label of labels has type int"),
        e.getMessage());
  }

  static Timestamp time(int day) {
    return new Timestamp(T0 + day * DAY);
  }
}
