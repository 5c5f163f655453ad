package io.lakeml.lake;

import io.lakeml.config.InputSettings;

/** A Delta table by folder/URI or by catalog name, optionally pinned to a version or timestamp. */
public record TableRef(String path, String name, Long version, String timestamp) {

  public TableRef {
    if ((path == null) == (name == null)) {
      throw new IllegalArgumentException("exactly one of path or name");
    }
  }

  public static TableRef of(InputSettings input) {
    input.requireSource();
    return new TableRef(input.path(), input.table(), input.version(), input.timestamp());
  }

  public static TableRef path(String path) {
    return new TableRef(path, null, null, null);
  }

  public boolean byPath() {
    return path != null;
  }

  /** For messages: "Delta table at lake/x (lakeml.input.path)". */
  public String describe() {
    return byPath() ? "Delta table at " + path + " (lakeml.input.path)"
        : "table " + name + " (lakeml.input.table)";
  }

  /** For records: the path or the name. */
  public String id() {
    return byPath() ? path : name;
  }
}
