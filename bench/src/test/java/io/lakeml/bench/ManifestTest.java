package io.lakeml.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
  private static final String HEADER = String.join("\t", "name", "task", "label",
      "positive_class", "metric", "rows", "train_rows", "test_rows", "features",
      "numeric_features", "na_cells", "source", "license", "note");

  private static Path write(Path dir, String... lines) throws IOException {
    Files.writeString(dir.resolve(Manifest.FILE), String.join("\n", lines) + "\n");
    return dir;
  }

  @Test
  void readsEveryDataSetWithItsFolder(@TempDir Path dir) throws IOException {
    Manifest m = Manifest.read(write(dir, HEADER,
        "glass\tmulticlass\tType\t\tf1\t214\t161\t53\t9\t9\t0\tmlbench::Glass\tGPL-2\tglass",
        "hmda\tbinary\tdeny\tyes\tareaUnderROC\t2380\t1785\t595\t13\t4\t0\tAER::HMDA\tGPL-2\tx"));
    assertEquals(2, m.datasets().size());
    BenchDataset glass = m.dataset("glass");
    assertEquals(Task.MULTICLASS, glass.task());
    assertNull(glass.positiveClass());
    assertEquals(161, glass.trainRows());
    assertEquals(dir.resolve("glass").resolve("train.csv"), glass.trainCsv());
    assertEquals("yes", m.dataset("hmda").positiveClass());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.dataset("iris"));
    assertTrue(e.getMessage().contains("No data set iris") && e.getMessage().contains("[glass, "
        + "hmda]"), e.getMessage());
  }

  @Test
  void namesTheLineAndFieldOfBadEntries(@TempDir Path dir) throws IOException {
    write(dir, HEADER,
        "hmda\tbinary\tdeny\t\tareaUnderROC\t2380\t1785\t595\t13\t4\t0\tAER::HMDA\tGPL-2\tx");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Manifest.read(dir));
    assertTrue(e.getMessage().endsWith("line 2 (hmda): a binary data set needs positive_class"),
        e.getMessage());
    write(dir, HEADER,
        "hmda\tranking\tdeny\tyes\tareaUnderROC\t2380\t1785\t595\t13\t4\t0\tAER::HMDA\tGPL-2\tx");
    e = assertThrows(IllegalArgumentException.class, () -> Manifest.read(dir));
    assertTrue(e.getMessage().contains("line 2: task is ranking"), e.getMessage());
    write(dir, HEADER.replace("\tlicense", ""));
    e = assertThrows(IllegalArgumentException.class, () -> Manifest.read(dir));
    assertTrue(e.getMessage().contains("has no column license"), e.getMessage());
  }

  @Test
  void tellsHowToExportWhenThereIsNoManifest(@TempDir Path dir) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Manifest.read(dir));
    assertTrue(e.getMessage().contains("bench/data/export-r-datasets"), e.getMessage());
  }
}
