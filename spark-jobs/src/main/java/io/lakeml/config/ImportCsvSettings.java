package io.lakeml.config;

/** lakeml.import-csv: a CSV file to load into a Delta table (ImportCsvJob, the demo). */
public record ImportCsvSettings(String source, String schema, String target, Mode mode) {
  public enum Mode { OVERWRITE_IF_ABSENT, OVERWRITE }

  public String requireSource() {
    if (source == null || source.isBlank()) {
      throw new LakemlException("Missing lakeml.import-csv.source (the CSV file or folder to load)");
    }
    return source;
  }
}
