package io.lakeml.search;

import io.lakeml.config.Task;

/** What a family needs to know about the problem to build its estimator: the task, the number of
 * classes (0 for regression) and whether to train on the class weight column. */
public record ModelContext(Task task, int numClasses, boolean weighted) {
  public ModelContext {
    if (task.isClassification() && numClasses < 2) {
      throw new IllegalArgumentException("a classification task needs >= 2 classes");
    }
  }

  public boolean binary() {
    return task.isClassification() && numClasses == 2;
  }
}
