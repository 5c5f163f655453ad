package io.lakeml.lake;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A table read at one resolved Delta version: the version is what provenance records. */
public record PinnedTable(TableRef ref, long version, Dataset<Row> data) {}
