package io.lakeml.report;

import io.lakeml.report.Html.Table;
import io.lakeml.report.ReportData.LeaderRow;
import io.lakeml.report.ReportData.ProfileRow;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders a run's report as one self-contained HTML page: inline CSS, charts as PNG data URIs, no
 * URL fetched, so it opens anywhere (a mail attachment, an air-gapped cluster). Sections in order:
 * the run, the data profile, the leaderboard, the best model's evaluation, the search progress and
 * the chosen model. A section without data is left out.
 */
public final class HtmlReport {
  private static final String STYLE = String.join("\n",
      "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em;color:#222}",
      "h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}",
      "table{border-collapse:collapse;margin:0.5em 0 1em;font-size:0.9em}",
      "th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}",
      "th{background:#f0f0f0}tr.best{background:#e6f4ea;font-weight:bold}",
      "tr.dropped{color:#888}pre{background:#f7f7f7;padding:1em;overflow:auto}",
      "img.chart{display:block;margin:0.5em 0 1.5em;border:1px solid #eee}");
  /** Sets data-charts-loaded / data-charts-total on body once the page has loaded. */
  private static final String SCRIPT = String.join("\n",
      "window.addEventListener('load', function () {",
      "  var charts = document.querySelectorAll('img.chart');",
      "  var loaded = 0;",
      "  charts.forEach(function (img) { if (img.complete && img.naturalWidth > 0) loaded++; });",
      "  document.body.dataset.chartsLoaded = String(loaded);",
      "  document.body.dataset.chartsTotal = String(charts.length);",
      "});");

  private HtmlReport() {}

  public static String render(ReportData data) {
    RunInfo run = data.run();
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>lakeml report ").append(Html.esc(run.runId())).append("</title>\n")
        .append("<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n");
    html.append(runSection(run));
    html.append(profileSection(data.profiles()));
    html.append(leaderboardSection(data.leaderboard()));
    html.append(ModelSection.render(data));
    html.append(progressSection(data));
    html.append(chosenModelSection(data));
    html.append("<script>\n").append(SCRIPT).append("\n</script>\n</body>\n</html>\n");
    return html.toString();
  }

  private static String runSection(RunInfo run) {
    Table t = new Table("run", List.of())
        .row("Run id", run.runId()).row("Model name", Html.text(run.name()))
        .row("Task", Html.text(run.task())).row("Label", Html.text(run.label()))
        .row("Status", Html.text(run.status())).row("Input table", Html.text(run.inputRef()))
        .row("Delta version", Html.text(run.inputVersion()))
        .row("Started", Html.text(run.startedAt())).row("Finished", Html.text(run.finishedAt()))
        .row("Metric", Html.text(run.metric())).row("Git SHA", Html.text(run.gitSha()))
        .row("lakeml version", Html.text(run.lakemlVersion()))
        .row("Spark version", Html.text(run.sparkVersion()));
    return "<section id=\"run\">\n<h1>lakeml run " + Html.esc(run.runId())
        + (run.name() == null ? "" : ": " + Html.esc(run.name())) + "</h1>\n" + t.html()
        + "</section>\n";
  }

  private static String profileSection(List<ProfileRow> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    Table t = new Table("profile", List.of("Column", "Data type", "Semantic type", "Role", "Kept",
        "Reason", "Null share", "Distinct", "Mean", "Min", "Max"));
    for (ProfileRow p : rows) {
      String kept = p.kept() == null ? "-" : p.kept() ? "yes" : "no";
      t.rowOfClass(Boolean.FALSE.equals(p.kept()) ? "dropped" : null, p.column(),
          Html.text(p.dataType()), Html.text(p.semanticType()), Html.text(p.role()), kept,
          Html.text(p.reason()), Html.percent(p.nullShare()), Html.text(p.distinct()),
          Html.num(p.mean()), Html.text(p.min()), Html.text(p.max()));
    }
    return "<section id=\"profile\">\n" + Html.heading(2, "profile-title", "Data profile")
        + t.html() + "</section>\n";
  }

  private static String leaderboardSection(List<LeaderRow> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    String metric = rows.get(0).metric();
    Table t = new Table("leaderboard", List.of("Rank", "Trial", "Family",
        "CV " + Html.text(metric) + " (mean ± std)", "Fold metrics", "Holdout", "Fit s",
        "Predict s", "Best"));
    for (LeaderRow r : rows) {
      String folds = r.foldMetrics().stream().map(Html::metric)
          .collect(Collectors.joining(", "));
      t.rowOfClass(r.best() ? "best" : null, r.rank(), r.trialId(), r.family(),
          Html.metric(r.cvMean()) + " ± " + Html.metric(r.cvStd()), folds,
          Html.metric(r.holdoutValue()), Html.seconds(r.fitSeconds()),
          Html.seconds(r.predictSeconds()), r.best() ? "★ best" : "");
    }
    return "<section id=\"leaderboard\">\n" + Html.heading(2, "leaderboard-title", "Leaderboard")
        + t.html() + "</section>\n";
  }

  private static String progressSection(ReportData data) {
    SearchProgress progress = SearchProgress.of(data.trials(), data.run().metric());
    if (progress.isEmpty()) {
      return "";
    }
    String note = String.format(Locale.ROOT, "%d succeeded trials; the line is the best CV %s so"
        + " far among full-data trials (%s is better).", progress.trials().size(),
        data.run().metric(), SearchProgress.largerIsBetter(data.run().metric()) ? "larger"
            : "smaller");
    return "<section id=\"progress\">\n" + Html.heading(2, "progress-title", "Search progress")
        + "<p>" + Html.esc(note) + "</p>\n"
        + Html.chart("progress", "Search progress", Charts.progress(progress, data.run().metric()))
        + "</section>\n";
  }

  private static String chosenModelSection(ReportData data) {
    RunInfo run = data.run();
    if (run.bestFamily() == null && run.bestParamsJson() == null && data.provenance() == null) {
      return "";
    }
    StringBuilder html = new StringBuilder("<section id=\"model\">\n")
        .append(Html.heading(2, "model-title", "Chosen model"))
        .append(new Table("chosen", List.of()).row("Family", Html.text(run.bestFamily()))
            .row("Trial", Html.text(run.bestTrialId())).row("Model folder",
                Html.text(run.modelPath())).html());
    if (run.bestParamsJson() != null) {
      html.append("<h3>Parameters</h3>\n<pre class=\"params\">")
          .append(Html.esc(ReportTables.pretty(run.bestParamsJson()))).append("</pre>\n");
    }
    if (data.provenance() != null) {
      html.append("<h3>Provenance</h3>\n<pre class=\"provenance\">")
          .append(Html.esc(data.provenance())).append("</pre>\n");
    }
    return html.append("</section>\n").toString();
  }
}
