package io.lakeml.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The FAIR scheduler pools lakeml uses (fairscheduler.xml in the jar), as a file for
 * spark.scheduler.allocation.file: Spark looks for the default fairscheduler.xml with its own
 * class loader, which does not see the application jar.
 */
final class FairPools {
  private FairPools() {}

  static String file() {
    try (InputStream in = FairPools.class.getResourceAsStream("/fairscheduler.xml")) {
      if (in == null) {
        throw new IllegalStateException("fairscheduler.xml is missing from the lakeml jar");
      }
      Path file = Files.createTempFile("lakeml-fairscheduler", ".xml");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the FAIR pools file", e);
    }
  }
}
