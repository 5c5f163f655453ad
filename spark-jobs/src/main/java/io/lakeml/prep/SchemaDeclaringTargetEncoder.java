package io.lakeml.prep;

import org.apache.spark.ml.feature.TargetEncoder;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark 4.1.0's TargetEncoder (the estimator) returns the input schema from transformSchema,
 * without its output columns, so a Pipeline whose later stages read those columns fails schema
 * validation before fitting ("No such struct field ..."). This subclass declares them. Only the
 * fitted TargetEncoderModel (Spark's own class) is saved with a model.
 */
public final class SchemaDeclaringTargetEncoder extends TargetEncoder {
  public SchemaDeclaringTargetEncoder() {
    this(Identifiable$.MODULE$.randomUID("TargetEncoder"));
  }

  public SchemaDeclaringTargetEncoder(String uid) {
    super(uid);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    StructType out = super.transformSchema(schema);
    for (String column : getOutputCols()) {
      if (!java.util.Arrays.asList(out.fieldNames()).contains(column)) {
        out = out.add(column, DataTypes.DoubleType, true);
      }
    }
    return out;
  }
}
