package io.lakeml.pipeline;

import org.apache.spark.sql.types.StructType;

/** The package-private schemas of RunTables, for tests in other packages that write run rows. */
public final class RunTableSchemas {
  public static final StructType RUNS = RunTables.RUNS;
  public static final StructType TRIALS = RunTables.TRIALS;
  public static final StructType LEADERBOARD = RunTables.LEADERBOARD;

  private RunTableSchemas() {}
}
