package io.lakeml.features;

import org.apache.spark.sql.types.DataType;

/** One declared feature of a feature table: its column, Spark SQL type and what it means. */
public record FeatureDef(String name, DataType type, String description) {}
