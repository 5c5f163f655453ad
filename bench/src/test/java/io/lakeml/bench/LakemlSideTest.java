package io.lakeml.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.LakemlException;
import io.lakeml.config.Settings;
import io.lakeml.config.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakemlSideTest {
  private static BenchDataset dataset(Path dir, Task task, String positive) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("data").resolve("my_set"));
    Files.writeString(folder.resolve("schema.ddl"), "`a.b` DOUBLE, `say \"x\"` STRING, `y` STRING\n");
    return new BenchDataset("my_set", task, "y", positive, "areaUnderROC", 4, 3, 1, 2, 0,
        "pkg::d", "MIT", folder);
  }

  @Test
  void onlyTheLabelTaskBudgetAndPlacesDifferFromLakemlsDefaults(@TempDir Path dir)
      throws IOException {
    BenchDataset d = dataset(dir, Task.BINARY, "yes");
    Settings s = LakemlSide.settings(d, dir.resolve("lake"), "bench-1", "45s");
    assertEquals(45.0, s.search().timeBudgetSeconds(), 1e-9);
    assertEquals("y", s.label().column());
    assertEquals(Task.BINARY, s.label().task().orElseThrow());
    assertEquals("yes", s.label().positiveClass());
    assertEquals("`a.b` DOUBLE, `say \"x\"` STRING, `y` STRING", s.importCsv().schema());
    assertEquals(s.importCsv().target(), s.input().path());
    assertEquals(d.trainCsv().toString(), s.importCsv().source());
    // Everything else is lakeml's default.
    Settings defaults = Settings.from(io.lakeml.config.ConfigLoader.load(java.util.List.of(),
        java.util.List.of("lakeml.lake.root=x")));
    assertEquals(defaults.search().maxTrials(), s.search().maxTrials());
    assertEquals(defaults.search().families(), s.search().families());
    assertEquals(defaults.split().holdoutFraction(), s.split().holdoutFraction(), 0);
  }

  @Test
  void aBadBudgetFailsWithLakemlsOwnMessage(@TempDir Path dir) throws IOException {
    BenchDataset d = dataset(dir, Task.MULTICLASS, null);
    LakemlException e = assertThrows(LakemlException.class,
        () -> LakemlSide.settings(d, dir.resolve("lake"), "bench-1", "soon"));
    assertTrue(e.getMessage().contains("lakeml.search.time-budget"), e.getMessage());
  }
}
