package io.lakeml.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local[2] SparkSession (Delta enabled, UI off, loopback only, 2 shuffle partitions) shared by
 * every test class of the JVM; held in JUnit's root store and stopped when the run ends.
 * Use: {@code @ExtendWith(SparkTest.class)} and {@link #spark()}.
 */
public final class SparkTest implements BeforeAllCallback {
  private static volatile SparkSession session;

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Holder.class, k -> new Holder(), Holder.class);
  }

  public static SparkSession spark() {
    if (session == null) {
      throw new IllegalStateException("annotate the test class with @ExtendWith(SparkTest.class)");
    }
    return session;
  }

  private static final class Holder implements ExtensionContext.Store.CloseableResource {
    private final Path warehouse;

    Holder() {
      try {
        warehouse = Files.createTempDirectory("lakeml-warehouse");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      session = SparkSession.builder()
          .master("local[2]")
          .appName("lakeml-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
          .config("spark.sql.catalog.spark_catalog",
              "org.apache.spark.sql.delta.catalog.DeltaCatalog")
          .config("spark.sql.warehouse.dir", warehouse.toString())
          .config("spark.scheduler.mode", "FAIR")
          .config("spark.log.level", "WARN")
          // Delta checkpoints every 10th commit by default (~4 s each in tests).
          .config("spark.databricks.delta.properties.defaults.checkpointInterval", "1000")
          // Delta rebuilds a table's state in 50 tasks by default; the tests' tables have a few
          // files. 2 tasks cut the Delta-bound test classes by 30 to 40% (bench/ci-time.md).
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .getOrCreate();
    }

    @Override
    public void close() {
      session.stop();
      session = null;
    }
  }
}
