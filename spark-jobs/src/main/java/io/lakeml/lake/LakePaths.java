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

  public String evaluations() {
    return resolve("automl/evaluations");
  }

  public String registry() {
    return resolve("automl/registry");
  }

  /** The folder of one run's HTML report: reports/&lt;run id&gt; (index.html inside). */
  public String report(String runId) {
    return resolve("reports/" + runId);
  }

  /** Batch scoring output of one model name: predictions/&lt;name&gt;. */
  public String predictions(String name) {
    return resolve("predictions/" + name);
  }

  public String drift() {
    return resolve("monitoring/drift");
  }

  public String dataset(String name) {
    return resolve("datasets/" + name);
  }

  /** The folder of one model: models/&lt;name&gt;/&lt;run id&gt; (the registry maps versions to it). */
  public String model(String name, String runId) {
    return resolve("models/" + name + "/" + runId);
  }
}
