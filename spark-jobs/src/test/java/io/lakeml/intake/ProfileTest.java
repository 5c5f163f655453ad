package io.lakeml.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.ConfigLoader;
import io.lakeml.config.Settings;
import io.lakeml.lake.PinnedTable;
import io.lakeml.lake.TableRef;
import io.lakeml.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class ProfileTest {

  private static IntakeResult intake(Dataset<Row> data, String... sets) {
    List<String> all = new ArrayList<>(List.of("lakeml.label.column=y"));
    all.addAll(List.of(sets));
    Settings s = Settings.from(ConfigLoader.load(List.of(), all));
    return new Intake(s.input(), s.label(), s.intake(), s.split())
        .run(new PinnedTable(TableRef.path("/t"), 0, data));
  }

  /** 1000 rows with one column of each kind. */
  private static Dataset<Row> everyKind() {
    return SparkTest.spark().sql("SELECT "
        + "ROUND(rand(1) * 100, 3) AS num, "
        + "id % 3 = 0 AS flag, "
        + "ELT(CAST(id % 5 AS INT) + 1, 'red', 'red', 'green', 'blue', 'grey') AS color, "
        + "CONCAT('z', CAST(id * 7 % 200 AS STRING)) AS zip, "
        + "DATE_ADD(DATE'2024-01-01', CAST(id % 300 AS INT)) AS day, "
        + "TIMESTAMP'2024-01-01 00:00:00' + make_interval(0, 0, 0, 0, CAST(id % 24 AS INT)) AS ts, "
        + "CONCAT('the customer wrote note ', CAST(id AS STRING), ' about delivery') AS note, "
        + "md5(CAST(id AS STRING)) AS user_id, "
        + "id + 1000 AS row_id, "
        + "'same' AS k, "
        + "IF(id % 50 = 0, 1.0, NULL) AS sparse, "
        + "CAST(id % 4 AS INT) AS level, "
        + "rand(2) AS dropme, "
        + "IF(rand(3) < 0.3, 'yes', 'no') AS y FROM range(1000)");
  }

  @Test
  void everyColumnGetsATypeADecisionAndAReason() {
    IntakeResult r = intake(everyKind(), "lakeml.intake.columns.level=categorical",
        "lakeml.intake.columns.dropme=drop");
    Map<String, String> decided = r.columns().stream().collect(Collectors.toMap(
        ColumnProfile::column, c -> c.type().id() + "/" + (c.kept() ? "kept" : c.role()
            .equals("feature") ? "dropped" : c.role())));
    assertEquals(Map.ofEntries(Map.entry("num", "numeric/kept"),
        Map.entry("flag", "boolean/kept"), Map.entry("color", "categorical/kept"),
        Map.entry("zip", "high-cardinality/kept"), Map.entry("day", "datetime/kept"),
        Map.entry("ts", "datetime/kept"), Map.entry("note", "text/kept"),
        Map.entry("user_id", "identifier/dropped"), Map.entry("row_id", "identifier/dropped"),
        Map.entry("k", "constant/dropped"), Map.entry("sparse", "mostly-null/dropped"),
        Map.entry("level", "categorical/kept"), Map.entry("dropme", "numeric/dropped"),
        Map.entry("y", "label/label")), decided);
    assertEquals("set in lakeml.intake.columns.dropme", profile(r, "dropme").reason());
    assertEquals("98.0% null (at least 95.0%: lakeml.intake.mostly-null-share)",
        profile(r, "sparse").reason());
    assertEquals(50, r.keptValues().get("zip").size(), "top lakeml.intake.max-categories values");
    assertEquals(List.of("num"), r.numericFeatures());
    assertEquals(List.of("flag", "color", "level"), r.categoricalFeatures());
  }

  @Test
  void statisticsTopValuesAndHistograms() {
    IntakeResult r = intake(everyKind());
    ColumnStats num = profile(r, "num").stats();
    assertEquals(1000, num.rows());
    assertEquals(0, num.nulls());
    assertTrue(num.distinct() > 900, "approx distinct " + num.distinct());
    assertTrue(Double.parseDouble(num.min()) >= 0 && Double.parseDouble(num.max()) <= 100);
    assertEquals(50, num.mean(), 5);
    assertEquals(List.of("p1", "p5", "p25", "p50", "p75", "p95", "p99"),
        List.copyOf(num.quantiles().keySet()));
    List<Long> hist = profile(r, "num").histogram();
    assertEquals(num.binEdges().size() + 1, hist.size());
    assertEquals(1000L, hist.stream().mapToLong(Long::longValue).sum());
    hist.forEach(h -> assertTrue(h > 5 && h < 40, "equal-frequency bins: " + hist));

    assertEquals("[ValueCount[value=red, count=400], ValueCount[value=blue, count=200], "
        + "ValueCount[value=green, count=200], ValueCount[value=grey, count=200]]",
        profile(r, "color").topValues().toString());
    assertEquals(0.98, profile(r, "sparse").stats().nullShare(), 1e-9);
    assertEquals("2024-01-01", profile(r, "day").stats().min());
    assertTrue(profile(r, "note").stats().avgWords() > 6);
    assertTrue(profile(r, "num").leakageScore() < 0.7, "random feature is no leak");
  }

  @Test
  void sparkJobsDoNotGrowWithTheNumberOfColumns() throws Exception {
    String narrow = "SELECT rand(1) AS a0, CONCAT('v', id % 4) AS s0, IF(id % 3 = 0, 'p', 'q') AS y"
        + " FROM range(300)";
    StringBuilder wide = new StringBuilder("SELECT ");
    for (int i = 0; i < 30; i++) {
      wide.append("rand(").append(i).append(") AS a").append(i).append(", CONCAT('v', (id + ")
          .append(i).append(") % 4) AS s").append(i).append(", ");
    }
    wide.append("IF(id % 3 = 0, 'p', 'q') AS y FROM range(300)");
    assertEquals(jobs(narrow), jobs(wide.toString()));
  }

  private static int jobs(String sql) throws Exception {
    Dataset<Row> data = SparkTest.spark().sql(sql);
    AtomicInteger count = new AtomicInteger();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        count.incrementAndGet();
      }
    };
    SparkTest.spark().sparkContext().addSparkListener(listener);
    try {
      intake(data);
      SparkTest.spark().sparkContext().listenerBus().waitUntilEmpty(10_000);
      return count.get();
    } finally {
      SparkTest.spark().sparkContext().removeSparkListener(listener);
    }
  }

  static ColumnProfile profile(IntakeResult r, String column) {
    return r.columns().stream().filter(c -> c.column().equals(column)).findFirst().orElseThrow();
  }

  @Test
  void excludedColumnsAreProfiledButNotFeatures() {
    IntakeResult r = intake(everyKind(), "lakeml.input.exclude-columns=[num]");
    assertFalse(profile(r, "num").kept());
    assertEquals("excluded", profile(r, "num").role());
    assertEquals(1000, profile(r, "num").stats().nonNull());
  }
}
