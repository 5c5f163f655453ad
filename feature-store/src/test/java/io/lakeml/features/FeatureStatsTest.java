package io.lakeml.features;

import static io.lakeml.features.StoreFixture.row;
import static io.lakeml.features.StoreFixture.ts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.testing.SparkTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class FeatureStatsTest {
  static final StructType SOURCE = new StructType().add("id", DataTypes.IntegerType)
      .add("at", DataTypes.TimestampType).add("amount", DataTypes.DoubleType)
      .add("plan", DataTypes.StringType);

  @TempDir Path dir;

  @Test
  void profilesEachVersionWithFrozenEdgesAndPsiAgainstThePrevious() {
    FeatureStore store = StoreFixture.store(dir, "usage { owner = o, entity-keys = [id], "
        + "event-time = at, source.path = \"${src}/usage\", features = ["
        + "{ name = amount, type = double, description = d }, "
        + "{ name = plan, type = string, description = d }] }");
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(row(i, ts("2024-01-01"), i < 10 ? null : (double) i, i % 4 == 0 ? "pro" : "free"));
    }
    StoreFixture.writeSource(dir, "usage", SOURCE, rows);
    FeatureMaterialization job = new FeatureMaterialization(SparkTest.spark(), store);
    long v1 = job.run("a", List.of("usage")).get(0).version();
    StatsTable stats = new StatsTable(SparkTest.spark(), store.statsPath());
    FeatureStat amount = stats.read("usage", v1).get("amount");
    assertEquals(100, amount.rows());
    assertEquals(10, amount.nulls());
    assertEquals(54.5, amount.mean(), 1e-9);
    assertEquals(10.0, amount.min());
    assertEquals(99.0, amount.max());
    assertEquals(9, amount.edges().length);
    assertEquals(90, java.util.Arrays.stream(amount.histogram()).sum());
    assertNull(amount.psiPrevious());
    FeatureStat plan = stats.read("usage", v1).get("plan");
    assertEquals(Map.of("free", 75L, "pro", 25L), plan.topValues());
    assertEquals(0, plan.otherCount());

    // A second snapshot of every entity, all amounts far higher: same edges, a large PSI.
    for (int i = 0; i < 100; i++) {
      rows.add(row(i, ts("2024-02-01"), 1000.0 + i, "pro"));
    }
    StoreFixture.writeSource(dir, "usage", SOURCE, rows);
    long v2 = job.run("b", List.of("usage")).get(0).version();
    FeatureStat later = stats.read("usage", v2).get("amount");
    assertArrayEquals(amount.edges(), later.edges());
    assertEquals(200, later.rows());
    assertTrue(later.histogram()[later.histogram().length - 1] >= 100, later.toString());
    assertTrue(later.psiPrevious() > 0.2, later.toString());
    assertTrue(stats.read("usage", v2).get("plan").psiPrevious() > 0.1);
    assertEquals(List.of(v1, v2), List.copyOf(stats.readAll("usage").keySet()));

    // A rerun over the same source leaves the table and its stats as they are.
    assertEquals(v2, job.run("b", List.of("usage")).get(0).version());
    assertEquals(List.of(v1, v2), List.copyOf(stats.readAll("usage").keySet()));
    assertEquals(1, SparkTest.spark().read().format("delta").load(store.materializationsPath())
        .where("run_id = 'b'").count());
  }
}
