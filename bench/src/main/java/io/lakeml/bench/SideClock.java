package io.lakeml.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Times one side: wall clock, the CPU time of this JVM (all its threads: Spark's tasks run in it
 * with a local master), and the machine's 1-minute load average at the start and the end. On a
 * shared machine the wall time depends on what else runs; the CPU time much less.
 */
final class SideClock {
  private final long wall0 = System.nanoTime();
  private final long cpu0 = processCpuNanos();
  private final String load0 = loadAverage();

  /** What the side took so far. */
  record Taken(double wallSeconds, double cpuSeconds, String load) {}

  Taken stop() {
    return new Taken((System.nanoTime() - wall0) / 1e9, (processCpuNanos() - cpu0) / 1e9,
        load0 + " to " + loadAverage());
  }

  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /** The 1-minute load average (/proc/loadavg), or "?" where there is none. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return l < 0 ? "?" : String.format(Locale.ROOT, "%.2f", l);
    }
  }
}
