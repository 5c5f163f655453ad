package io.lakeml.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps lakeml's own progress lines at INFO whatever level Spark logs at. Log4j 2 core is on
 * Spark's runtime classpath but not its compile classpath, hence the reflection. */
final class Logging {
  private static final Logger LOG = LoggerFactory.getLogger(Logging.class);

  private Logging() {}

  static void keepLakemlAtInfo() {
    try {
      Class<?> level = Class.forName("org.apache.logging.log4j.Level");
      Object info = level.getField("INFO").get(null);
      Class.forName("org.apache.logging.log4j.core.config.Configurator")
          .getMethod("setLevel", String.class, level).invoke(null, "io.lakeml", info);
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.warn("Cannot set the io.lakeml log level ({}); progress lines follow Spark's level",
          e.toString());
    }
  }
}
