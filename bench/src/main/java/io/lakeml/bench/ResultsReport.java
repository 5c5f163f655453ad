package io.lakeml.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The markdown of a quality run: the machine lines (as bench/run-quality recorded them), one
 * table row per data set with both metrics, their difference, both wall times, the time ratio
 * and the goals, a count of the goals met, and a table of what each side chose.
 *
 * <pre>ResultsReport results.csv machine.txt results.md</pre>
 */
public final class ResultsReport {
  private ResultsReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: ResultsReport <results.csv> <machine.txt> "
          + "<results.md>");
    }
    List<String> machine = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
    String md = markdown(read(Path.of(args[0])), machine);
    Files.writeString(Path.of(args[2]), md, StandardCharsets.UTF_8);
    System.out.print(md);
  }

  /** The results CSV as one map (column -> value) per data set, in file order. */
  static List<Map<String, String>> read(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the results " + csv, e);
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(csv + " is empty: no data set finished");
    }
    List<String> header = CsvLine.parse(lines.get(0));
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      List<String> cells = CsvLine.parse(lines.get(i));
      if (cells.size() != header.size()) {
        throw new IllegalArgumentException(csv + " line " + (i + 1) + " has " + cells.size()
            + " fields, the header " + header.size());
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        row.put(header.get(c), cells.get(c));
      }
      rows.add(row);
    }
    return rows;
  }

  static String markdown(List<Map<String, String>> rows, List<String> machine) {
    StringBuilder md = new StringBuilder();
    for (String line : machine) {
      md.append("- ").append(line).append('\n');
    }
    md.append('\n').append("| data set | task | train / test rows | metric | lakeml | baseline "
        + "| lakeml - baseline | lakeml s | baseline s | time ratio | metric goal | time goal "
        + "| both |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    int metricMet = 0;
    int timeMet = 0;
    int bothMet = 0;
    for (Map<String, String> r : rows) {
      md.append(cells(r.get("dataset"), r.get("task"),
          r.get("train_rows") + " / " + r.get("test_rows"),
          r.get("metric") + ("true".equals(r.get("larger_is_better")) ? " (higher is better)"
              : " (lower is better)"),
          metricOrError(r, "lakeml"), metricOrError(r, "baseline"), round(r.get("difference")),
          r.get("lakeml_seconds"), r.get("baseline_seconds"), r.get("time_ratio"),
          r.get("metric_goal"), r.get("time_goal"), r.get("goal_met")));
      metricMet += "yes".equals(r.get("metric_goal")) ? 1 : 0;
      timeMet += "yes".equals(r.get("time_goal")) ? 1 : 0;
      bothMet += "yes".equals(r.get("goal_met")) ? 1 : 0;
    }
    int n = rows.size();
    md.append('\n').append(String.format(Locale.ROOT, "Goals, over %d data sets: lakeml's test "
        + "metric at least the baseline's on %d; lakeml's wall time at most 1/3 of the "
        + "baseline's on %d; both on %d.%n", n, metricMet, timeMet, bothMet));
    md.append("\n| data set | order | lakeml winner (CV, trials) | import s | baseline: each "
        + "family's best CV, its parameters and CV time | baseline winner | CPU s lakeml / "
        + "baseline (ratio) | load (1 min) during lakeml; baseline |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    for (Map<String, String> r : rows) {
      String lakeml = r.get("lakeml_winner").isEmpty() ? "-" : r.get("lakeml_winner") + " ("
          + round(r.get("lakeml_cv")) + ", " + r.get("lakeml_trials") + " trials)";
      md.append(cells(r.get("dataset"), r.get("order"), lakeml, r.get("import_seconds"),
          r.get("baseline_families").isEmpty() ? "-" : r.get("baseline_families"),
          r.get("baseline_winner").isEmpty() ? "-" : r.get("baseline_winner"),
          r.get("lakeml_cpu_seconds") + " / " + r.get("baseline_cpu_seconds") + " ("
              + r.get("cpu_ratio") + ")",
          r.get("lakeml_load") + "; " + r.get("baseline_load")));
    }
    for (Map<String, String> r : rows) {
      for (String side : List.of("lakeml", "baseline")) {
        String error = r.get(side + "_error");
        if (!error.isEmpty()) {
          md.append('\n').append("- ").append(r.get("dataset")).append(", ").append(side)
              .append(" failed: `").append(error.replace("`", "'")).append("`\n");
        }
      }
    }
    return md.toString();
  }

  private static String metricOrError(Map<String, String> r, String side) {
    return r.get(side + "_error").isEmpty() ? round(r.get(side + "_metric")) : "failed";
  }

  /** A metric to 4 decimals (the CSV keeps 6). */
  static String round(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    return String.format(Locale.ROOT, "%.4f", Double.parseDouble(value));
  }

  private static String cells(String... values) {
    StringBuilder line = new StringBuilder("|");
    for (String v : values) {
      line.append(' ').append(v == null ? "" : v.replace("|", "\\|")).append(" |");
    }
    return line.append('\n').toString();
  }
}
