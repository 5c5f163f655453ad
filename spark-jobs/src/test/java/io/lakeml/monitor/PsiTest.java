package io.lakeml.monitor;

import io.lakeml.stats.Psi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PsiTest {
  @Test
  void identicalDistributionsHaveNoDrift() {
    long[] counts = {120, 340, 90, 0, 450};
    assertEquals(0.0, Psi.ofCounts(counts, counts), 1e-12);
    // Same shares at another scale: still no drift.
    assertEquals(0.0, Psi.ofCounts(counts, new long[] {12, 34, 9, 0, 45}), 1e-12);
  }

  @Test
  void handComputedValue() {
    // (0.8 - 0.5) ln(0.8 / 0.5) + (0.2 - 0.5) ln(0.2 / 0.5) = 0.3 ln 1.6 + 0.3 ln 2.5
    double exact = 0.3 * Math.log(1.6) + 0.3 * Math.log(2.5);
    assertEquals(0.4158883, exact, 1e-7);
    assertEquals(exact, Psi.ofShares(new double[] {0.5, 0.5}, new double[] {0.8, 0.2}, 0),
        1e-12);
    // With the default smoothing the value moves by far less than a rounding of the threshold.
    assertEquals(exact, Psi.ofCounts(new long[] {50, 50}, new long[] {80, 20}), 1e-3);
  }

  @Test
  void emptyBucketIsSmoothedNotInfinite() {
    double psi = Psi.ofCounts(new long[] {100, 0}, new long[] {90, 10});
    // 0.1 ln(0.1001 / 0.0001) - 0.1 ln(0.9001 / 1.0001), about 0.70.
    assertEquals(0.1 * Math.log(0.1001 / 0.0001) + (0.9001 - 1.0001) * Math.log(0.9001 / 1.0001),
        psi, 1e-9);
    assertTrue(Double.isFinite(psi));
  }

  @Test
  void shiftedDistributionExceedsTheUsualThreshold() {
    long[] base = {5, 10, 20, 30, 20, 10, 5, 0, 0, 0};
    long[] shifted = {0, 0, 5, 10, 20, 30, 20, 10, 5, 0};
    double psi = Psi.ofCounts(base, shifted);
    assertTrue(psi > 0.2, "psi " + psi);
    // A one-bucket nudge stays below it.
    long[] nudged = {5, 10, 22, 28, 20, 10, 5, 0, 0, 0};
    assertTrue(Psi.ofCounts(base, nudged) < 0.05);
  }

  @Test
  void mapsAreComparedInTheBaselineBuckets() {
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("a", 50L);
    expected.put("b", 50L);
    expected.put(Buckets.NULL, 0L);
    assertEquals(Psi.ofCounts(new long[] {50, 50, 0}, new long[] {80, 0, 20}),
        Psi.ofCounts(expected, Map.of("a", 80L, Buckets.NULL, 20L)), 1e-12);
    assertThrows(IllegalArgumentException.class,
        () -> Psi.ofCounts(expected, Map.of("c", 1L)));
  }
}
