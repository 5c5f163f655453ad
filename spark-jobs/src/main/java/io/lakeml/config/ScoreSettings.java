package io.lakeml.config;

/**
 * lakeml.score: the Delta table ScoreJob scores (with the same pinning rules as lakeml.input)
 * and the model version it uses (null = the champion of lakeml.registry.model).
 */
public record ScoreSettings(String path, String table, Long version, String timestamp,
    Integer modelVersion) {

  public ScoreSettings {
    LakemlException.check(path == null || table == null, "lakeml.score.input.table", table,
        "set either lakeml.score.input.path or lakeml.score.input.table, not both");
    LakemlException.check(version == null || timestamp == null, "lakeml.score.input.timestamp",
        timestamp, "set either lakeml.score.input.version or lakeml.score.input.timestamp");
    LakemlException.check(modelVersion == null || modelVersion >= 1,
        "lakeml.score.model-version", modelVersion, "must be >= 1");
  }

  public void requireSource() {
    if (path == null && table == null) {
      throw new LakemlException("Missing lakeml.score.input.path or lakeml.score.input.table "
          + "(the Delta table to score: a folder/URI or a catalog name)");
    }
  }
}
