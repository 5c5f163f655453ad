package io.lakeml.lake;

/** Where things live under the lake root (see shared/DESIGN.md, "The lake"). */
public record LakePaths(String root) {

  public LakePaths {
    root = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
  }

  public String resolve(String relative) {
    return root + "/" + relative;
  }

  public String runs() {
    return resolve("automl/runs");
  }

  public String trials() {
    return resolve("automl/trials");
  }

  public String leaderboard() {
    return resolve("automl/leaderboard");
  }

  public String profiles() {
    return resolve("automl/profiles");
  }

  public String featureSelection() {
    return resolve("automl/feature_selection");
  }

  public String dataset(String name) {
    return resolve("datasets/" + name);
  }

  /** The folder of one model: models/&lt;name&gt;/&lt;run id&gt; (the registry maps versions to it). */
  public String model(String name, String runId) {
    return resolve("models/" + name + "/" + runId);
  }
}
