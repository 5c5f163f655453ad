package io.lakeml.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.LakemlException;
import io.lakeml.registry.RegistryEntry.Stage;
import io.lakeml.testing.SparkTest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class ModelRegistryTest {
  @TempDir
  Path dir;

  private static RegistryEntry entry(String model, String runId, double holdout) {
    Instant now = Instant.now();
    return new RegistryEntry(model, 0, runId, "/models/" + model + "/" + runId, "binary",
        "areaUnderROC", holdout, holdout, Map.of("areaUnderROC", holdout), "/data/t", 3L,
        Stage.CANDIDATE, now, now, null, "registered by run " + runId);
  }

  private static List<Integer> champions(ModelRegistry registry, String model) {
    return registry.versions(model).stream().filter(e -> e.stage() == Stage.CHAMPION)
        .map(RegistryEntry::version).toList();
  }

  @Test
  void versionsPromotionAndRollback() {
    ModelRegistry registry = new ModelRegistry(SparkTest.spark(), dir.resolve("reg").toString());
    assertEquals(1, registry.register(entry("churn", "a", 0.80)).version());
    assertEquals(2, registry.register(entry("churn", "b", 0.82)).version());
    assertEquals(1, registry.register(entry("other", "a", 0.70)).version(), "per model name");
    RegistryEntry again = registry.register(entry("churn", "a", 0.81));
    assertEquals(1, again.version(), "a rerun of run a keeps its version");
    assertEquals(0.81, again.holdoutValue(), 1e-12, "and refreshes its figures");
    assertEquals(2, registry.versions("churn").size());

    registry.promote("churn", 1, "first");
    assertEquals(List.of(1), champions(registry, "churn"));
    RegistryEntry two = registry.promote("churn", 2, "better");
    assertEquals(Stage.CHAMPION, two.stage());
    assertNotNull(two.promotedAt());
    assertEquals(List.of(2), champions(registry, "churn"));
    assertEquals(Stage.ARCHIVED, registry.version("churn", 1).stage());
    assertEquals("replaced by v2", registry.version("churn", 1).note());
    assertEquals(List.of(1), champions(registry, "other").isEmpty() ? List.of(1)
        : List.of(-1), "other model untouched");

    RegistryEntry back = registry.rollback("churn", "v2 misbehaves");
    assertEquals(1, back.version());
    assertEquals(List.of(1), champions(registry, "churn"));
    assertEquals(Stage.ARCHIVED, registry.version("churn", 2).stage());

    LakemlException missing = assertThrows(LakemlException.class,
        () -> registry.promote("churn", 9, "x"));
    assertTrue(missing.getMessage().contains("No version 9 of model churn"), missing.getMessage());
    LakemlException noChampion = assertThrows(LakemlException.class,
        () -> registry.rollback("other", "x"));
    assertTrue(noChampion.getMessage().contains("has no champion"), noChampion.getMessage());
  }

  @Test
  void rollbackWalksBackAndPromotionChecksTheChampionItWasComparedWith() throws Exception {
    ModelRegistry registry = new ModelRegistry(SparkTest.spark(), dir.resolve("reg").toString());
    for (String run : List.of("a", "b", "c")) {
      int v = registry.register(entry("m", run, 0.8)).version();
      registry.promote("m", v, "promoted " + run);
      Thread.sleep(5);
    }
    assertEquals(2, registry.rollback("m", "c is broken").version());
    assertEquals(1, registry.rollback("m", "b too").version(), "back again, not forth to v3");
    LakemlException none = assertThrows(LakemlException.class,
        () -> registry.rollback("m", "x"));
    assertTrue(none.getMessage().contains("no earlier version was champion before it"),
        none.getMessage());
    assertTrue(registry.promoteIfChampion("m", 3, java.util.Optional.of(2), "stale").isEmpty(),
        "compared with v2, but v1 is champion now");
    assertEquals(List.of(1), champions(registry, "m"));
    assertEquals(3, registry.promoteIfChampion("m", 3, java.util.Optional.of(1), "fresh")
        .orElseThrow().version());
    LakemlException name = assertThrows(LakemlException.class, () -> io.lakeml.config.Settings
        .from(io.lakeml.config.ConfigLoader.load(List.of(),
            List.of("lakeml.registry.model=\"../automl/runs\""))));
    assertTrue(name.getMessage().startsWith("Invalid lakeml.registry.model: \"../automl/runs\""),
        name.getMessage());
  }

  @Test
  void concurrentRegistrationsAndPromotionsLoseNothing() throws Exception {
    ModelRegistry registry = new ModelRegistry(SparkTest.spark(), dir.resolve("reg").toString());
    registry.register(entry("m", "seed", 0.5));
    int writers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<RegistryEntry>> done = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String run = "run" + i;
        done.add(pool.submit(() -> {
          RegistryEntry e = registry.register(entry("m", run, 0.6));
          return registry.promote("m", e.version(), "promoted by " + run);
        }));
      }
      List<Integer> versions = new ArrayList<>();
      for (Future<RegistryEntry> f : done) {
        versions.add(f.get().version());
      }
      assertEquals(writers, versions.stream().distinct().count(), "no version number reused: "
          + versions);
    } finally {
      pool.shutdownNow();
    }
    List<RegistryEntry> all = registry.versions("m");
    assertEquals(List.of(1, 2, 3, 4, 5), all.stream().map(RegistryEntry::version).toList());
    assertEquals(1, champions(registry, "m").size(), "exactly one champion: " + all);
    assertEquals(writers, all.stream().filter(e -> e.promotedAt() != null).count(),
        "every promotion recorded");
    assertEquals(writers - 1, all.stream().filter(e -> e.stage() == Stage.ARCHIVED).count());
  }
}
