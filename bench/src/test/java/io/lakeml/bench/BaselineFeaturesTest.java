package io.lakeml.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.testing.SparkTest;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class BaselineFeaturesTest {
  private static final StructType SCHEMA = new StructType().add("x", DataTypes.DoubleType)
      .add("n", DataTypes.IntegerType).add("c", DataTypes.StringType)
      .add("y", DataTypes.StringType);

  private static Dataset<Row> rows(Row... rows) {
    return SparkTest.spark().createDataFrame(List.of(rows), SCHEMA);
  }

  @Test
  void imputesMediansAndOneHotsWithNullsAndUnseenValuesInTheKeptBucket() {
    Dataset<Row> train = rows(RowFactory.create(1.0, 5, "a", "p"),
        RowFactory.create(null, 7, "a", "q"), RowFactory.create(3.0, null, "b", "p"),
        RowFactory.create(10.0, 9, null, "q"));
    PipelineModel model = BaselineFeatures.pipeline(SCHEMA, "y").fit(train);
    Dataset<Row> test = rows(RowFactory.create(null, null, "a", "p"),
        RowFactory.create(2.0, 6, "zzz", "p"), RowFactory.create(4.0, 8, null, "q"),
        RowFactory.create(4.0, 8, "b", "q"));
    List<Row> features = model.transform(test).select(BaselineFeatures.FEATURES)
        .collectAsList();
    // Slots: x (median of 1, 3, 10 = 3), n (median of 5, 7, 9 = 7), then c one-hot over a, b
    // (by frequency) with the kept bucket (nulls, unseen values) as the dropped last slot.
    assertArrayEquals(new double[] {3.0, 7.0, 1.0, 0.0}, vector(features.get(0)), 1e-9);
    assertArrayEquals(new double[] {2.0, 6.0, 0.0, 0.0}, vector(features.get(1)), 1e-9);
    assertArrayEquals(new double[] {4.0, 8.0, 0.0, 0.0}, vector(features.get(2)), 1e-9);
    assertArrayEquals(new double[] {4.0, 8.0, 0.0, 1.0}, vector(features.get(3)), 1e-9);
  }

  @Test
  void rejectsColumnsThatAreNeitherNumbersNorStrings() {
    StructType schema = SCHEMA.add("when", DataTypes.DateType);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BaselineFeatures.pipeline(schema, "y"));
    assertTrue(e.getMessage().contains("column when is date"), e.getMessage());
  }

  private static double[] vector(Row row) {
    return ((Vector) row.get(0)).toArray();
  }
}
