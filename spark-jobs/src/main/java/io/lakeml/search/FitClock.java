package io.lakeml.search;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Wall time during which at least one model was being fitted: the union of the fit intervals,
 * so two trials fitting side by side count once. What a run spends outside it (reading, intake,
 * preprocessing, scoring the folds, Spark scheduling between fits, writes) is its overhead.
 */
public final class FitClock {
  private final LongSupplier nanos;
  private int active;
  private long since;
  private long total;

  public FitClock() {
    this(System::nanoTime);
  }

  FitClock(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /** Runs one model fit, counted. */
  public <T> T time(Supplier<T> fit) {
    enter();
    try {
      return fit.get();
    } finally {
      exit();
    }
  }

  synchronized void enter() {
    if (active++ == 0) {
      since = nanos.getAsLong();
    }
  }

  synchronized void exit() {
    if (--active == 0) {
      total += nanos.getAsLong() - since;
    }
  }

  /** Seconds with a fit running so far (a fit still running counts up to now). */
  public synchronized double seconds() {
    return (total + (active > 0 ? nanos.getAsLong() - since : 0)) / 1e9;
  }
}
