package io.lakeml.features;

import java.util.List;
import java.util.Map;

/**
 * What one materialization did: the feature table version it left, the source versions it read
 * (lineage), and the rows it saw, inserted and updated; added: features added to the schema.
 */
public record Materialization(String table, String path, long version,
    Map<String, Long> sourceVersions, long sourceRows, long inserted, long updated,
    List<String> added) {

  public Materialization {
    sourceVersions = Map.copyOf(sourceVersions);
    added = List.copyOf(added);
  }
}
