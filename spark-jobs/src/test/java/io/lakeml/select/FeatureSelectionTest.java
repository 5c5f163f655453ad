package io.lakeml.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakeml.config.ConfigLoader;
import io.lakeml.config.Settings;
import io.lakeml.intake.Intake;
import io.lakeml.intake.IntakeResult;
import io.lakeml.intake.LabelInfo;
import io.lakeml.lake.PinnedTable;
import io.lakeml.lake.TableRef;
import io.lakeml.prep.FeaturePipeline;
import io.lakeml.testing.SparkTest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seeded synthetic data: 8 relevant numbers r0..r7 drive the label, 24 numbers n0..n23 are noise,
 * and dup is r0 under a linear transform. Selection must keep every relevant feature, drop one of
 * r0/dup, and drop most of the noise.
 */
@ExtendWith(SparkTest.class)
class FeatureSelectionTest {

  private static Selection select(String task, String label) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < 8; i++) {
      sql.append("r").append(i).append(", ");
    }
    for (int i = 0; i < 24; i++) {
      sql.append("rand(").append(100 + i).append(") AS n").append(i).append(", ");
    }
    sql.append("r0 * 3 + 1 AS dup, ").append(label).append(" AS y FROM (SELECT *, ")
        .append("r0 * 1.0 + r1 * 0.9 - r2 * 0.8 + r3 * 0.7 - r4 * 0.7 + r5 * 0.6 + r6 * 0.6 "
            + "- r7 * 0.5 + randn(99) * 0.3 AS z FROM (SELECT ");
    for (int i = 0; i < 8; i++) {
      sql.append(i == 0 ? "" : ", ").append("randn(").append(i + 1).append(") AS r").append(i);
    }
    sql.append(" FROM range(3000)))");
    Settings s = Settings.from(ConfigLoader.load(List.of(), List.of("lakeml.label.column=y",
        "lakeml.label.task=" + task, "lakeml.select.mode=on",
        "lakeml.select.univariate-max-p=0.2", "lakeml.select.importance-share=0.99",
        "lakeml.intake.leakage.action=warn")));
    IntakeResult in = new Intake(s.input(), s.label(), s.intake(), s.split())
        .run(new PinnedTable(TableRef.path("/t"), 0, SparkTest.spark().sql(sql.toString())));
    FeatureSelector selector = new FeatureSelector(s.select(), in.label().task(), 5,
        FeaturePipeline.ALL_FEATURES, FeaturePipeline.FEATURES, LabelInfo.INDEXED);
    FeaturePipeline.build(in, s.prep(), Optional.of(selector)).fit(in.data());
    return selector.lastSelection();
  }

  private static void assertKnownRelevance(Selection sel) {
    List<String> kept = sel.scores().stream().filter(FeatureScore::kept)
        .map(FeatureScore::sourceColumn).toList();
    for (int i = 1; i < 8; i++) {
      assertTrue(kept.contains("r" + i), "relevant r" + i + " kept: " + report(sel));
    }
    assertTrue(kept.contains("r0") ^ kept.contains("dup"), "one of r0/dup: " + report(sel));
    long noiseKept = kept.stream().filter(c -> c.startsWith("n")).count();
    assertTrue(noiseKept <= 6, noiseKept + " of 24 noise features kept: " + report(sel));
    assertEquals(sel.kept().length, kept.size());
  }

  @Test
  void binaryKeepsTheRelevantAndDropsDuplicatesAndMostNoise() {
    assertKnownRelevance(select("binary", "IF(z > 0, 'yes', 'no')"));
  }

  @Test
  void regressionToo() {
    assertKnownRelevance(select("regression", "z"));
  }

  private static String report(Selection sel) {
    return sel.scores().stream().map(s -> s.name() + "=" + (s.kept() ? "kept" : s.reason()))
        .collect(Collectors.joining("; "));
  }
}
