package io.lakeml.intake;

import io.lakeml.config.LakemlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Sorts a table's columns into numeric and categorical features; rejects what it cannot use. */
final class ColumnKinds {
  final List<String> numeric = new ArrayList<>();
  final List<String> categorical = new ArrayList<>();

  static ColumnKinds of(StructType schema, String tableDesc, String label, Set<String> excluded) {
    checkNames(schema, tableDesc);
    ColumnKinds kinds = new ColumnKinds();
    for (StructField f : schema.fields()) {
      if (f.name().equals(label) || excluded.contains(f.name())) {
        continue;
      }
      DataType t = f.dataType();
      if (t instanceof NumericType) {
        kinds.numeric.add(f.name());
      } else if (t instanceof StringType || t instanceof BooleanType) {
        kinds.categorical.add(f.name());
      } else {
        throw new LakemlException("Column " + f.name() + " of the " + tableDesc + " has type "
            + t.simpleString() + ", which lakeml cannot use as a feature yet (expected numeric, "
            + "string or boolean); list it in lakeml.input.exclude-columns to leave it out");
      }
    }
    if (kinds.numeric.isEmpty() && kinds.categorical.isEmpty()) {
      throw new LakemlException("The " + tableDesc + " has no feature columns besides the label "
          + label + " (after lakeml.input.exclude-columns " + excluded + ")");
    }
    return kinds;
  }

  /** Spark resolves names case-insensitively: two names equal but for case are ambiguous. */
  private static void checkNames(StructType schema, String tableDesc) {
    Map<String, String> seen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String name : schema.fieldNames()) {
      String before = seen.put(name, name);
      if (before != null) {
        throw new LakemlException("The " + tableDesc + " has columns " + before + " and " + name
            + ", which differ only in case; rename one (Spark resolves names case-insensitively)");
      }
    }
  }
}
