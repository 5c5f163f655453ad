package io.lakeml.features;

import io.lakeml.config.LakemlException;
import io.lakeml.lake.DeltaReader;
import io.lakeml.lake.PinnedTable;
import io.lakeml.lake.TableRef;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a feature table's source at pinned Delta versions: the one table, or the SQL query with
 * each input registered as a temporary view (dropped again when the read is released).
 */
final class SourceReader {
  /** The source rows and the Delta version of every table they come from (id -> version). */
  record Read(Dataset<Row> rows, Map<String, Long> versions, Runnable release) {}

  private final SparkSession spark;

  SourceReader(SparkSession spark) {
    this.spark = spark;
  }

  Read read(FeatureTable table) {
    FeatureSource source = table.source();
    DeltaReader reader = new DeltaReader(spark);
    Map<String, Long> versions = new LinkedHashMap<>();
    if (source.table() != null) {
      PinnedTable pinned = reader.read(source.table());
      versions.put(source.table().id(), pinned.version());
      return new Read(pinned.data(), versions, () -> { });
    }
    Map<String, TableRef> inputs = source.inputs();
    for (Map.Entry<String, TableRef> in : inputs.entrySet()) {
      PinnedTable pinned = reader.read(in.getValue());
      versions.put(in.getValue().id(), pinned.version());
      pinned.data().createOrReplaceTempView(in.getKey());
    }
    Runnable release = () -> inputs.keySet().forEach(v -> spark.catalog().dropTempView(v));
    try {
      return new Read(spark.sql(source.sql()), versions, release);
    } catch (RuntimeException e) {
      release.run();
      throw new LakemlException("The SQL of " + table.key() + ".source.sql does not run over "
          + "the views " + inputs.keySet() + ": " + e.getMessage(), e);
    }
  }
}
