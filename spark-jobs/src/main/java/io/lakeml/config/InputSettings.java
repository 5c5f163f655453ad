package io.lakeml.config;

import java.util.List;

/** lakeml.input: the training table and how it is pinned. Path or table may both be null here;
 * jobs that read it call {@link #requireSource()}. */
public record InputSettings(String path, String table, Long version, String timestamp,
    List<String> excludeColumns, List<String> keyColumns) {

  public InputSettings {
    LakemlException.check(path == null || table == null, "lakeml.input.table", table,
        "set either lakeml.input.path or lakeml.input.table, not both; path is " + path);
    LakemlException.check(version == null || timestamp == null, "lakeml.input.timestamp",
        timestamp, "set either lakeml.input.version or lakeml.input.timestamp, not both");
    LakemlException.check(version == null || version >= 0, "lakeml.input.version", version,
        "must be >= 0");
    excludeColumns = List.copyOf(excludeColumns);
    keyColumns = List.copyOf(keyColumns);
  }

  /** The training table to read; fails when neither path nor table is set. */
  public io.lakeml.lake.TableRef tableRef() {
    requireSource();
    return new io.lakeml.lake.TableRef(path, table, version, timestamp);
  }

  /** The same input with more columns that are never features (e.g. entity keys). */
  public InputSettings excluding(List<String> columns) {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(excludeColumns);
    all.addAll(columns);
    return new InputSettings(path, table, version, timestamp, List.copyOf(all), keyColumns);
  }

  public void requireSource() {
    if (path == null && table == null) {
      throw new LakemlException("Missing lakeml.input.path or lakeml.input.table (the Delta table "
          + "to train on: a folder/URI or a catalog name)");
    }
  }
}
