package io.lakeml.bench;

import io.lakeml.config.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * manifest.tsv of bench/data/export-r-datasets: a header, then one tab-separated line per data
 * set. Columns are found by name, so the exporter may add more.
 */
public final class Manifest {
  public static final String FILE = "manifest.tsv";
  private static final List<String> REQUIRED = List.of("name", "task", "label", "positive_class",
      "metric", "rows", "train_rows", "test_rows", "features", "na_cells", "source", "license");

  private final Path file;
  private final List<BenchDataset> datasets;

  private Manifest(Path file, List<BenchDataset> datasets) {
    this.file = file;
    this.datasets = List.copyOf(datasets);
  }

  /** Reads dataDir/manifest.tsv; each data set's folder is dataDir/&lt;name&gt;. */
  public static Manifest read(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("No " + FILE + " in " + dataDir
          + ": export the data first (bench/data/export-r-datasets " + dataDir + ")");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file + " is empty: expected a header line");
    }
    List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
    for (String column : REQUIRED) {
      if (!header.contains(column)) {
        throw new IllegalArgumentException(file + " has no column " + column + " (header: "
            + header + ")");
      }
    }
    List<BenchDataset> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] cells = lines.get(i).split("\t", -1);
      if (cells.length != header.size()) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + " has " + cells.length
            + " fields, the header " + header.size());
      }
      out.add(dataset(file, i + 1, header, cells, dataDir));
    }
    return new Manifest(file, out);
  }

  private static BenchDataset dataset(Path file, int line, List<String> header, String[] cells,
      Path dataDir) {
    Field f = new Field(file, line, header, cells);
    String name = f.text("name");
    Task task = f.task();
    String positive = f.text("positive_class");
    if (task == Task.BINARY && positive.isEmpty()) {
      throw new IllegalArgumentException(file + " line " + line + " (" + name
          + "): a binary data set needs positive_class");
    }
    return new BenchDataset(name, task, f.text("label"), positive.isEmpty() ? null : positive,
        f.text("metric"), f.number("rows"), f.number("train_rows"), f.number("test_rows"),
        (int) f.number("features"), f.number("na_cells"), f.text("source"), f.text("license"),
        dataDir.resolve(name));
  }

  private record Field(Path file, int line, List<String> header, String[] cells) {
    String text(String column) {
      return cells[header.indexOf(column)].strip();
    }

    long number(String column) {
      String value = text(column);
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + " line " + line + ": " + column + " is "
            + value + ", expected a whole number");
      }
    }

    Task task() {
      String value = text("task");
      try {
        return Task.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + " line " + line + ": task is " + value
            + ", expected binary, multiclass or regression");
      }
    }
  }

  public List<BenchDataset> datasets() {
    return datasets;
  }

  /** The named data set; the error lists the names the manifest has. */
  public BenchDataset dataset(String name) {
    return datasets.stream().filter(d -> d.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No data set " + name + " in " + file
            + "; it has " + datasets.stream().map(BenchDataset::name).toList()));
  }
}
