package io.lakeml.features;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Label rows with their point-in-time features: data, the feature columns added (and as
 * table.feature references, "table.*" expanded), the entity key
 * columns joined on, and the Delta version of every feature table read (the lineage that rebuilds
 * exactly this set by time travel).
 */
public record TrainingSet(Dataset<Row> data, List<String> featureColumns,
    List<String> references, List<String> keyColumns, Map<String, Long> featureVersions) {

  public TrainingSet {
    featureColumns = List.copyOf(featureColumns);
    references = List.copyOf(references);
    keyColumns = List.copyOf(keyColumns);
    featureVersions = Map.copyOf(featureVersions);
  }
}
