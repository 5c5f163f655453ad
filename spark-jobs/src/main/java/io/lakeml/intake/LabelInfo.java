package io.lakeml.intake;

import io.lakeml.config.Task;
import java.util.List;
import java.util.Map;

/**
 * The resolved label: column, task, and for classification the class values in index order (for
 * binary, index 1 is the positive class) with their row counts.
 */
public record LabelInfo(String column, Task task, List<String> classes, Map<String, Long> counts) {
  public LabelInfo {
    classes = List.copyOf(classes);
    counts = Map.copyOf(counts);
  }

  /** The indexed label column every model trains on. */
  public static final String INDEXED = "_lakeml_label";
}
