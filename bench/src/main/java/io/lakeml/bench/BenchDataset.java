package io.lakeml.bench;

import io.lakeml.config.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One exported data set of the quality suite (a line of manifest.tsv): its task, label, the
 * positive class of a binary task (null otherwise), the test metric, sizes and source, and the
 * folder holding train.csv, test.csv and schema.ddl.
 */
public record BenchDataset(String name, Task task, String label, String positiveClass,
    String metric, long rows, long trainRows, long testRows, int features, long naCells,
    String source, String license, Path folder) {

  public Path trainCsv() {
    return folder.resolve("train.csv");
  }

  public Path testCsv() {
    return folder.resolve("test.csv");
  }

  /** The Spark DDL of the CSV columns (schema.ddl), the same for both sides. */
  public String schemaDdl() {
    Path file = folder.resolve("schema.ddl");
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the schema of data set " + name + ": " + file
          + " (export the data again: bench/data/export-r-datasets)", e);
    }
  }
}
