package io.lakeml.pipeline;

import io.lakeml.search.FitClock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where an AutoML run's wall time went: consecutive phases (each {@link #lap} ends one), and the
 * time with a model fit running ({@link FitClock}), the rest being overhead. Logged at the end of
 * the run.
 */
final class RunClock {
  private final long start = System.nanoTime();
  private final FitClock fits = new FitClock();
  private final Map<String, Double> phases = new LinkedHashMap<>();
  private long last = start;

  FitClock fits() {
    return fits;
  }

  /** Ends the current phase, named so (a name used twice adds up). */
  synchronized void lap(String phase) {
    long now = System.nanoTime();
    phases.merge(phase, (now - last) / 1e9, Double::sum);
    last = now;
  }

  synchronized double wallSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** "132.3 s wall, 80.1 s fitting models, 39.5% outside; read+validate 12.0 s, ...". */
  synchronized String describe() {
    double wall = wallSeconds();
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%.1f s wall, %.1f s with a model fit running, %.1f%% outside model fitting; phases:",
        wall, fits.seconds(), 100 * (1 - fits.seconds() / wall)));
    phases.forEach((name, s) -> out.append(String.format(Locale.ROOT, " %s %.1f s,", name, s)));
    out.setLength(out.length() - 1);
    return out.toString();
  }
}
