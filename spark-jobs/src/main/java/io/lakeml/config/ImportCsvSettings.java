package io.lakeml.config;

import java.util.List;

/**
 * lakeml.import-csv: CSV files to load into Delta tables (ImportCsvJob, the demo): the first one
 * (source, schema, target) and the further ones in more.
 */
public record ImportCsvSettings(String source, String schema, String target, Mode mode,
    List<CsvFile> more) {
  public enum Mode { OVERWRITE_IF_ABSENT, OVERWRITE }

  /** One further file; key: its config section, e.g. lakeml.import-csv.more[0]. */
  public record CsvFile(String source, String schema, String target, String key) {
    public CsvFile {
      if (source == null || source.isBlank()) {
        throw new LakemlException("Missing " + key + ".source (the CSV file or folder to load)");
      }
      if (target == null || target.isBlank()) {
        throw new LakemlException("Missing " + key + ".target (the Delta table folder to write)");
      }
    }
  }

  public ImportCsvSettings {
    more = List.copyOf(more);
  }

  public String requireSource() {
    if (source == null || source.isBlank()) {
      throw new LakemlException("Missing lakeml.import-csv.source (the CSV file or folder to load)");
    }
    return source;
  }
}
