package io.lakeml.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.LakemlException;
import java.nio.file.Path;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureStoreConfigTest {
  static final String FEATURES = "features = [{ name = income, type = int, description = \"d\" },"
      + " { name = city, type = string, description = \"c\" }]";

  @TempDir Path dir;

  @Test
  void readsADeclaredTable() {
    FeatureStore store = StoreFixture.store(dir, "customers { owner = risk, entity-keys = [id], "
        + "event-time = at, source.path = \"${src}/c\", " + FEATURES + " }");
    FeatureTable t = store.table("customers");
    assertEquals(java.util.List.of("id"), t.entityKeys());
    assertEquals("at", t.eventTime());
    assertEquals(DataTypes.IntegerType, t.features().get(0).type());
    assertEquals(java.util.List.of("id", "at", "income", "city"), t.columns());
    assertEquals(dir.resolve("src/c").toString(), t.source().table().path());
    assertEquals(dir.resolve("features").resolve("customers").toString(),
        store.path("customers"));
  }

  @Test
  void whatATableLeavesOutComesFromTableDefaults() {
    String table = "customers { owner = risk, entity-keys = [id], event-time = at, "
        + "source.path = \"${src}/c\", " + FEATURES + " }";
    FeatureTable plain = StoreFixture.store(dir, table).table("customers");
    assertEquals("", plain.description());
    assertEquals(false, plain.allowNewFeatures());
    FeatureTable defaulted = FeatureStoreConfig.read(StoreFixture.config(dir, table)
        .withValue("lakeml.feature-store.table-defaults.allow-new-features",
            com.typesafe.config.ConfigValueFactory.fromAnyRef(true))
        .withValue("lakeml.feature-store.table-defaults.description",
            com.typesafe.config.ConfigValueFactory.fromAnyRef("team tables")))
        .table("customers");
    assertEquals(true, defaulted.allowNewFeatures());
    assertEquals("team tables", defaulted.description());
  }

  @Test
  void readsASqlSourceWithItsInputs() {
    FeatureTable t = StoreFixture.store(dir, "agg { owner = risk, entity-keys = [id], "
        + "event-time = at, source { sql = \"SELECT * FROM tx\", inputs.tx.path = \"${src}/t\" }, "
        + FEATURES + " }").table("agg");
    assertEquals("SELECT * FROM tx", t.source().sql());
    assertEquals(dir.resolve("src/t").toString(), t.source().inputs().get("tx").path());
  }

  @Test
  void errorsNameTheKey() {
    String base = "owner = risk, entity-keys = [id], event-time = at, source.path = x, ";
    assertMessage("Unknown config key lakeml.feature-store.tables.t.colour",
        "t { " + base + FEATURES + ", colour = red }");
    assertMessage("Missing lakeml.feature-store.tables.t.owner",
        "t { entity-keys = [id], event-time = at, source.path = x, " + FEATURES + " }");
    assertMessage("Invalid lakeml.feature-store.tables.t.features[0].type: \"array<int>\"",
        "t { " + base + "features = [{ name = a, type = \"array<int>\", description = d }] }");
    assertMessage("Invalid lakeml.feature-store.tables.t.features[0].type: \"integr\"",
        "t { " + base + "features = [{ name = a, type = integr, description = d }] }");
    assertMessage("Missing lakeml.feature-store.tables.t.features[0].description",
        "t { " + base + "features = [{ name = a, type = int }] }");
    assertMessage("set exactly one of path, table (a Delta table) or sql",
        "t { owner = r, entity-keys = [id], event-time = at, source { path = x, sql = y }, "
            + FEATURES + " }");
    assertMessage("Missing lakeml.feature-store.tables.t.source.inputs",
        "t { owner = r, entity-keys = [id], event-time = at, source.sql = y, " + FEATURES + " }");
    assertMessage("Invalid lakeml.feature-store.tables.Bad: \"Bad\"",
        "Bad { " + base + FEATURES + " }");
    assertMessage("a feature cannot be an entity key or the event time",
        "t { " + base + "features = [{ name = id, type = int, description = d }] }");
  }

  @Test
  void unknownTableNamesTheDeclaredOnes() {
    FeatureStore store = StoreFixture.store(dir, "a { owner = r, entity-keys = [id], "
        + "event-time = at, source.path = x, " + FEATURES + " }");
    LakemlException e = assertThrows(LakemlException.class, () -> store.table("b"));
    assertTrue(e.getMessage().contains("No feature table b in lakeml.feature-store.tables "
        + "(declared: [a])"), e.getMessage());
  }

  private void assertMessage(String expected, String tables) {
    LakemlException e = assertThrows(LakemlException.class,
        () -> StoreFixture.store(dir, tables));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
