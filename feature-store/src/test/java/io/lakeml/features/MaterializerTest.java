package io.lakeml.features;

import static io.lakeml.features.StoreFixture.row;
import static io.lakeml.features.StoreFixture.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.lakeml.config.LakemlException;
import io.lakeml.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class MaterializerTest {
  static final StructType SOURCE = new StructType().add("id", DataTypes.IntegerType)
      .add("at", DataTypes.TimestampType).add("income", DataTypes.IntegerType)
      .add("city", DataTypes.StringType);
  static final String TABLE = "customers { owner = risk, entity-keys = [id], event-time = at, "
      + "source.path = \"${src}/customers\", %s features = [{ name = income, type = %s, "
      + "description = \"monthly income\" }, { name = city, type = string, description = c }%s] }";

  @TempDir Path dir;

  private FeatureStore store(String incomeType, String extraFeature, boolean allowNew) {
    return StoreFixture.store(dir, String.format(TABLE, allowNew ? "allow-new-features = true,"
        : "", incomeType, extraFeature));
  }

  private Materialization materialize(FeatureStore store) {
    return new FeatureMaterialization(SparkTest.spark(), store).run("r1", List.of("customers"))
        .get(0);
  }

  private List<Row> stored(FeatureStore store) {
    return SparkTest.spark().read().format("delta").load(store.path("customers"))
        .orderBy("id", "at").collectAsList();
  }

  @Test
  void materializesUnderARelativeStoreRoot() {
    // The default lake root is the relative "lake"; Delta's table builder took a relative
    // location for a catalog table name and failed the demo in CI.
    StoreFixture.writeSource(dir, "customers", SOURCE, List.of(row(1, ts("2024-01-01"), 100, "a")));
    Path relative = Path.of("").toAbsolutePath().relativize(dir);
    assertFalse(relative.isAbsolute());
    String tables = String.format(TABLE, "", "bigint", "")
        .replace("${src}", dir.resolve("src").toString());
    FeatureStore store = FeatureStoreConfig.read(com.typesafe.config.ConfigFactory.parseString(
        "lakeml.feature-store { root = \"" + relative.resolve("features") + "\"\n"
            + StoreFixture.TABLE_DEFAULTS + " tables { "
            + tables + " } }").resolve());
    assertEquals(1, materialize(store).inserted());
    assertEquals(1, stored(store).size());
  }

  @Test
  void upsertsByKeyAndTimeAndRerunsChangeNothing() {
    StoreFixture.writeSource(dir, "customers", SOURCE, List.of(
        row(1, ts("2024-01-01"), 100, "a"), row(1, ts("2024-02-01"), 110, "a"),
        row(2, ts("2024-01-15"), 200, null)));
    FeatureStore store = store("bigint", "", false);
    Materialization first = materialize(store);
    assertEquals(3, first.inserted());
    assertEquals(3, first.sourceRows());
    // int widened to the declared bigint; the description is the column's comment.
    StructType schema = SparkTest.spark().read().format("delta").load(store.path("customers"))
        .schema();
    assertEquals(DataTypes.LongType, schema.apply("income").dataType());
    assertEquals("monthly income", schema.apply("income").getComment().get());
    assertEquals(Map.of(dir.resolve("src/customers").toString(), 0L), first.sourceVersions());

    List<Row> before = stored(store);
    Materialization again = materialize(store);
    assertEquals(0, again.inserted());
    assertEquals(0, again.updated());
    assertEquals(first.version(), again.version(), "a rerun over the same source commits nothing");
    assertEquals(before, stored(store));

    // One changed value, one new row: one update, one insert, the rest untouched.
    StoreFixture.writeSource(dir, "customers", SOURCE, List.of(
        row(1, ts("2024-01-01"), 100, "a"), row(1, ts("2024-02-01"), 120, "a"),
        row(2, ts("2024-01-15"), 200, null), row(2, ts("2024-03-01"), 210, "b")));
    Materialization third = materialize(store);
    assertEquals(1, third.inserted());
    assertEquals(1, third.updated());
    List<Row> after = stored(store);
    assertEquals(4, after.size());
    assertEquals(120L, after.get(1).getLong(2));
    assertEquals(1L, third.sourceVersions().values().iterator().next());
    assertTrue(third.version() > first.version());

    Row logged = SparkTest.spark().read().format("delta").load(store.materializationsPath())
        .where("run_id = 'r1'").head();
    assertEquals(third.version(), logged.getLong(2));
  }

  @Test
  void newFeaturesOnlyWhenAllowedAndTypeChangesNever() {
    StoreFixture.writeSource(dir, "customers", SOURCE.add("debt", DataTypes.DoubleType),
        List.of(row(1, ts("2024-01-01"), 100, "a", 5.0)));
    materialize(store("int", "", false));
    String debt = ", { name = debt, type = double, description = d }";
    LakemlException e = assertThrows(LakemlException.class,
        () -> materialize(store("int", debt, false)));
    assertTrue(e.getMessage().contains("has no column for the declared features [debt]; set "
        + "lakeml.feature-store.tables.customers.allow-new-features = true"), e.getMessage());

    Materialization added = materialize(store("int", debt, true));
    assertEquals(List.of("debt"), added.added());
    assertEquals(5.0, stored(store("int", debt, true)).get(0).getDouble(4));

    FeatureStore rekeyed = StoreFixture.store(dir, "customers { owner = risk, entity-keys = "
        + "[id, city], event-time = at, source.path = \"${src}/customers\", features = [{ name = "
        + "income, type = int, description = d }] }");
    e = assertThrows(LakemlException.class, () -> materialize(rekeyed));
    assertTrue(e.getMessage().contains("is keyed by [id] at at, but "
        + "lakeml.feature-store.tables.customers declares entity-keys [id,city]"), e.getMessage());

    e = assertThrows(LakemlException.class, () -> materialize(store("bigint", debt, true)));
    assertTrue(e.getMessage().contains("Feature income of feature table customers is declared "
        + "bigint in lakeml.feature-store.tables.customers.features but is stored at "), e.getMessage());
    assertTrue(e.getMessage().contains(" as int: type changes are rejected"), e.getMessage());
  }

  @Test
  void keyAndEventTimeTypesNeverChange() {
    FeatureStore store = store("int", "", false);
    StoreFixture.writeSource(dir, "customers", SOURCE, List.of(row(1, ts("2024-01-01"), 100,
        "a")));
    materialize(store);
    long version = DeltaTable.forPath(SparkTest.spark(), store.path("customers")).history(1)
        .head().getLong(0);
    // The same rows with the event time as a date: a MERGE would cast it back silently.
    StructType dated = new StructType().add("id", DataTypes.IntegerType)
        .add("at", DataTypes.DateType).add("income", DataTypes.IntegerType)
        .add("city", DataTypes.StringType);
    StoreFixture.writeSource(dir, "customers", dated, List.of(row(1,
        java.sql.Date.valueOf("2024-01-02"), 100, "a")));
    LakemlException e = assertThrows(LakemlException.class, () -> materialize(store));
    assertTrue(e.getMessage().contains("The event time at of feature table customers is stored at "
        ), e.getMessage());
    assertTrue(e.getMessage().contains(" as timestamp but its source (Delta table at "),
        e.getMessage());
    assertTrue(e.getMessage().contains("lakeml.feature-store.tables.customers.source) now gives "
        + "date: key and event-time types cannot change"), e.getMessage());

    StructType longKeys = new StructType().add("id", DataTypes.LongType)
        .add("at", DataTypes.TimestampType).add("income", DataTypes.IntegerType)
        .add("city", DataTypes.StringType);
    StoreFixture.writeSource(dir, "customers", longKeys, List.of(row(1L, ts("2024-01-02"), 100,
        "a")));
    e = assertThrows(LakemlException.class, () -> materialize(store));
    assertTrue(e.getMessage().contains("The entity key id of feature table customers is stored "
        + "at "), e.getMessage());
    assertTrue(e.getMessage().contains(" as int but its source "), e.getMessage());
    assertEquals(version, DeltaTable.forPath(SparkTest.spark(), store.path("customers"))
        .history(1).head().getLong(0), "nothing was written");
  }

  @Test
  void badSourcesWriteNothing() {
    FeatureStore store = store("int", "", false);
    StoreFixture.writeSource(dir, "customers", SOURCE, List.of(
        row(1, ts("2024-01-01"), 100, "a"), row(1, ts("2024-01-01"), 101, "a")));
    LakemlException e = assertThrows(LakemlException.class, () -> materialize(store));
    assertTrue(e.getMessage().contains("has 1 (entity keys, event time) pairs with more than "
        + "one row, e.g. {\"id\":1,\"at\":\"2024-01-01T00:00:00"), e.getMessage());

    StoreFixture.writeSource(dir, "customers", SOURCE, List.of(
        row(1, ts("2024-01-01"), 100, "a"), row(null, ts("2024-01-01"), 101, "a")));
    e = assertThrows(LakemlException.class, () -> materialize(store));
    assertTrue(e.getMessage().contains("1 of 2 rows of the source of feature table customers"),
        e.getMessage());
    assertTrue(e.getMessage().contains("have a null entity key or event time, e.g. {\"at\":"),
        e.getMessage());

    StoreFixture.writeSource(dir, "customers", SOURCE, List.of(row(1, ts("2024-01-01"), 1, "a")));
    e = assertThrows(LakemlException.class, () -> materialize(store("boolean", "", false)));
    assertTrue(e.getMessage().contains("Feature income of feature table customers is declared "
        + "boolean (lakeml.feature-store.tables.customers.features[0].type) but its source"),
        e.getMessage());
    e = assertThrows(LakemlException.class, () -> materialize(store("int",
        ", { name = missing, type = int, description = d }", false)));
    assertTrue(e.getMessage().contains("has no column missing (named in "
        + "lakeml.feature-store.tables.customers.features[2].name)"), e.getMessage());
    assertFalse(DeltaTable.isDeltaTable(SparkTest.spark(), store.path("customers")));
  }
}
