package io.lakeml.lake;

/**
 * A Delta table by folder/URI or by catalog name, optionally pinned to a version or timestamp.
 * section: the config section it was set in (lakeml.input, lakeml.score.input), for messages.
 */
public record TableRef(String path, String name, Long version, String timestamp,
    String section) {

  public TableRef {
    if ((path == null) == (name == null)) {
      throw new IllegalArgumentException("exactly one of path or name");
    }
  }

  public TableRef(String path, String name, Long version, String timestamp) {
    this(path, name, version, timestamp, "lakeml.input");
  }

  /** The config key of one of the ref's fields: key("path") = "lakeml.input.path". */
  public String key(String field) {
    return section + "." + field;
  }

  public static TableRef path(String path) {
    return new TableRef(path, null, null, null);
  }

  public boolean byPath() {
    return path != null;
  }

  /** For messages: "Delta table at lake/x (lakeml.input.path)". */
  public String describe() {
    return byPath() ? "Delta table at " + path + " (" + key("path") + ")"
        : "table " + name + " (" + key("table") + ")";
  }

  /** For records: the path or the name. */
  public String id() {
    return byPath() ? path : name;
  }
}
