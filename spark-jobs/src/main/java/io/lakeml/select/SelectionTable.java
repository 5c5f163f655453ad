package io.lakeml.select;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** automl/feature_selection: one row per slot of the final model's feature vector per run. */
public final class SelectionTable {
  public static final StructType SCHEMA = new StructType()
      .add("run_id", StringType, false).add("slot", IntegerType, false)
      .add("feature", StringType, false).add("source_column", StringType)
      .add("variance", DoubleType).add("f_value", DoubleType).add("p_value", DoubleType)
      .add("max_correlation", DoubleType).add("correlated_with", StringType)
      .add("l1_weight", DoubleType).add("tree_importance", DoubleType)
      .add("importance", DoubleType).add("kept", BooleanType, false).add("reason", StringType);

  private SelectionTable() {}

  public static Dataset<Row> rows(SparkSession spark, String runId, Selection selection) {
    List<Row> rows = new ArrayList<>();
    for (FeatureScore s : selection.scores()) {
      rows.add(RowFactory.create(runId, s.index(), s.name(), s.sourceColumn(), s.variance(),
          s.fValue(), s.pValue(), s.maxCorrelation(), s.correlatedWith(), s.l1Weight(),
          s.treeImportance(), s.importance(), s.kept(), s.reason()));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
