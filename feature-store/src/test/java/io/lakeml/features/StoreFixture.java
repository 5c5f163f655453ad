package io.lakeml.features;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.lakeml.testing.SparkTest;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.StructType;

/** A feature store under a temp folder, declared in HOCON as a user would. */
final class StoreFixture {
  private StoreFixture() {}

  /** reference.conf's lakeml.feature-store.table-defaults (spark-jobs holds the file). */
  static final String TABLE_DEFAULTS =
      "table-defaults { description = \"\", allow-new-features = false }\n";

  /** tables: the body of lakeml.feature-store.tables { ... }; ${src} is the sources folder. */
  static FeatureStore store(Path dir, String tables) {
    return FeatureStoreConfig.read(config(dir, tables));
  }

  static Config config(Path dir, String tables) {
    String text = "lakeml.feature-store { root = \"" + dir.resolve("features") + "\"\n"
        + TABLE_DEFAULTS + "tables { " + tables.replace("${src}", dir.resolve("src").toString())
        + " } }";
    return ConfigFactory.parseString(text).resolve();
  }

  static void writeSource(Path dir, String name, StructType schema, List<Row> rows) {
    Dataset<Row> data = SparkTest.spark().createDataFrame(rows, schema);
    data.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true")
        .save(dir.resolve("src").resolve(name).toString());
  }

  static Row row(Object... values) {
    return RowFactory.create(values);
  }

  static Timestamp ts(String text) {
    return Timestamp.valueOf(text.length() == 10 ? text + " 00:00:00" : text);
  }
}
