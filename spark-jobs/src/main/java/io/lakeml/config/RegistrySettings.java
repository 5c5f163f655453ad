package io.lakeml.config;

/**
 * lakeml.registry: whether AutoML runs register their model, the automatic promotion rule, and
 * what RegistryJob does. model null = lakeml.run.name; runId (register) null = lakeml.run.id.
 */
public record RegistrySettings(boolean register, boolean autoPromote, double margin,
    Action action, String model, Integer version, String runId) {

  /** RegistryJob's command. */
  public enum Action { LIST, PROMOTE, ROLLBACK, REGISTER }

  public RegistrySettings {
    LakemlException.check(margin >= 0 && !Double.isNaN(margin), "lakeml.registry.margin", margin,
        "must be >= 0, in the metric's own units");
    LakemlException.check(model == null || RunSettings.SAFE_ID.matcher(model).matches(),
        "lakeml.registry.model", model, "letters, digits, '.', '_' or '-', starting with a letter "
            + "or digit, at most 128: it names folders in the lake");
    LakemlException.check(version == null || version >= 1, "lakeml.registry.version", version,
        "must be >= 1");
    LakemlException.check(action != Action.PROMOTE || version != null, "lakeml.registry.version",
        version, "required with lakeml.registry.action = promote");
    LakemlException.check(runId == null || RunSettings.SAFE_ID.matcher(runId).matches(),
        "lakeml.registry.run-id", runId, "letters, digits, '.', '_' or '-', starting with a "
            + "letter or digit, at most 128 (an AutoML run id)");
  }

  /** RegistryJob register: the AutoML run to register, lakeml.registry.run-id, else this run. */
  public String runIdOr(String thisRunId) {
    return runId != null ? runId : thisRunId;
  }

  /** The registered model name: lakeml.registry.model, else the run name. */
  public String modelOr(String runName) {
    return model != null ? model : runName;
  }
}
