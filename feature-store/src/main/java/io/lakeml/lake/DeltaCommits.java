package io.lakeml.lake;

import io.delta.exceptions.DeltaConcurrentModificationException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a Delta transaction that lost a race in Delta's optimistic concurrency control
 * (another writer committed first and their changes conflict with what this one read). The
 * transaction must re-read whatever it decides on, so that a retry decides on the new state.
 */
public final class DeltaCommits {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaCommits.class);
  static final int ATTEMPTS = 8;

  private DeltaCommits() {}

  public static <T> T retrying(String tablePath, Supplier<T> transaction) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.get();
      } catch (DeltaConcurrentModificationException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        LOG.warn("Concurrent commit on {} (attempt {}/{}): {}; retrying", tablePath, attempt,
            ATTEMPTS, e.getMessage());
        sleep(100L * attempt + (long) (Math.random() * 100));
      }
    }
  }

  public static void retrying(String tablePath, Runnable transaction) {
    retrying(tablePath, () -> {
      transaction.run();
      return null;
    });
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a Delta commit", e);
    }
  }
}
