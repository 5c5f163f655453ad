package io.lakeml.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Small seeded data sets for tests. */
public final class TestData {
  public static final StructType CREDIT_LIKE = new StructType()
      .add("id", DataTypes.LongType)
      .add("income", DataTypes.DoubleType)
      .add("age", DataTypes.IntegerType)
      .add("home", DataTypes.StringType)
      .add("noise", DataTypes.DoubleType)
      .add("status", DataTypes.StringType);

  private TestData() {}

  /**
   * Binary "status" (good/bad) driven by income and home, with nulls in income and home; age and
   * noise carry little signal. About a third of rows are "bad".
   */
  public static Dataset<Row> binary(SparkSession spark, int rows, long seed) {
    Random r = new Random(seed);
    String[] homes = {"owner", "rent", "parents", "other"};
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      double income = 50 + 100 * r.nextDouble();
      String home = homes[r.nextInt(homes.length)];
      double score = (income - 100) / 25 + (home.equals("owner") ? 1.0 : -0.5)
          + r.nextGaussian() * 0.7;
      out.add(RowFactory.create((long) i, r.nextDouble() < 0.05 ? null : income,
          18 + r.nextInt(50), r.nextDouble() < 0.03 ? null : home, r.nextGaussian(),
          score > -0.4 ? "good" : "bad"));
    }
    return spark.createDataFrame(out, CREDIT_LIKE);
  }

  /** Regression: y = 3 x1 - 2 x2 + group effect + noise. */
  public static Dataset<Row> regression(SparkSession spark, int rows, long seed) {
    Random r = new Random(seed);
    StructType schema = new StructType().add("x1", DataTypes.DoubleType)
        .add("x2", DataTypes.DoubleType).add("grp", DataTypes.StringType)
        .add("y", DataTypes.DoubleType);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      double x1 = r.nextGaussian();
      double x2 = r.nextGaussian();
      String grp = "g" + r.nextInt(3);
      double y = 3 * x1 - 2 * x2 + (grp.equals("g1") ? 2 : 0) + 0.3 * r.nextGaussian();
      out.add(RowFactory.create(x1, x2, grp, y));
    }
    return spark.createDataFrame(out, schema);
  }

  /** Writes rows as a Delta table at path (overwrite) and returns the path. */
  public static String delta(Dataset<Row> rows, String path) {
    rows.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(path);
    return path;
  }
}
