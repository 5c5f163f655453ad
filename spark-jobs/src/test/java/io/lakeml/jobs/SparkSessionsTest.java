package io.lakeml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SparkSessionsTest {
  @Test
  void localCoresOfEachMasterForm() {
    assertEquals(1, SparkSessions.localCores("local"));
    assertEquals(4, SparkSessions.localCores("local[4]"));
    assertEquals(3, SparkSessions.localCores("local[3,2]"));
    assertEquals(Runtime.getRuntime().availableProcessors(), SparkSessions.localCores("local[*]"));
    assertEquals(0, SparkSessions.localCores("spark://127.0.0.1:7077"));
    assertEquals(0, SparkSessions.localCores("yarn"));
    assertEquals(0, SparkSessions.localCores(""));
  }
}
