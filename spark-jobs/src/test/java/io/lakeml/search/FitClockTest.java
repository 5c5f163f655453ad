package io.lakeml.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FitClockTest {
  private static final long S = 1_000_000_000L;

  @Test
  void overlappingFitsCountOnceAndGapsNotAtAll() {
    AtomicLong now = new AtomicLong();
    FitClock clock = new FitClock(now::get);
    clock.enter();            // t=0: fit a starts
    now.set(2 * S);
    clock.enter();            // t=2: fit b starts beside it
    now.set(3 * S);
    clock.exit();             // t=3: a ends
    now.set(5 * S);
    clock.exit();             // t=5: b ends; 0..5 covered
    now.set(9 * S);           // 4 s with no fit
    assertEquals(5.0, clock.seconds(), 1e-9);
    assertEquals("x", clock.time(() -> {
      now.addAndGet(S);
      assertEquals(6.0, clock.seconds(), 1e-9, "a running fit counts up to now");
      return "x";
    }));
    assertEquals(6.0, clock.seconds(), 1e-9);
  }

  @Test
  void aFailedFitStillStopsTheClock() {
    AtomicLong now = new AtomicLong();
    FitClock clock = new FitClock(now::get);
    try {
      clock.time(() -> {
        now.set(3 * S);
        throw new IllegalStateException("fit failed");
      });
    } catch (IllegalStateException expected) {
      now.set(10 * S);
    }
    assertEquals(3.0, clock.seconds(), 1e-9);
  }
}
