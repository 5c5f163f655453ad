package io.lakeml.config;

import java.util.Optional;

/** lakeml.label: the column to predict and the task (empty = inferred). */
public record LabelSettings(String column, Optional<Task> task, int classificationMaxDistinct,
    String positiveClass) {

  public LabelSettings {
    LakemlException.check(classificationMaxDistinct >= 2,
        "lakeml.label.classification-max-distinct", classificationMaxDistinct, "must be >= 2");
  }

  public String requireColumn() {
    if (column == null || column.isBlank()) {
      throw new LakemlException("Missing lakeml.label.column (the column to predict; set it in "
          + "your pipeline conf or with --set lakeml.label.column=NAME)");
    }
    return column;
  }
}
