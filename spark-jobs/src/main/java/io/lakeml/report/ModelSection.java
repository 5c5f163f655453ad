package io.lakeml.report;

import io.lakeml.report.Html.Table;
import io.lakeml.report.ReportData.EvalPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The best model's holdout evaluation (automl/evaluations, is_best): its metrics, the ROC,
 * precision-recall and calibration charts and the chosen threshold (binary), the confusion matrix
 * (classification), the residuals (regression), the feature importance; then the metrics of the
 * other evaluated candidates. Each part appears only when its section has rows.
 */
final class ModelSection {
  private ModelSection() {}

  static String render(ReportData data) {
    List<EvalPoint> metrics = data.best("metric");
    StringBuilder body = new StringBuilder();
    if (!metrics.isEmpty()) {
      body.append(metricTable("best-metrics", metrics));
    } else if (!data.run().holdoutMetrics().isEmpty()) {
      Table t = new Table("best-metrics", List.of("Holdout metric", "Value"));
      data.run().holdoutMetrics().forEach((k, v) -> t.row(k, Html.metric(v)));
      body.append(t.html());
    }
    chart(body, "roc", "ROC curve", data.best("roc"), Charts::roc);
    chart(body, "pr", "Precision-recall curve", data.best("pr"), Charts::pr);
    chart(body, "calibration", "Calibration", data.best("calibration"), Charts::calibration);
    body.append(confusion(data.best("confusion")));
    body.append(threshold(data.best("threshold")));
    body.append(residuals(data.best("residuals"), data.best("residual_bins")));
    chart(body, "importance", "Feature importance", data.best("importance"), Charts::importance);
    body.append(others(data));
    if (body.isEmpty()) {
      return "";
    }
    List<EvalPoint> any = data.evaluations().stream().filter(EvalPoint::best).toList();
    String title = any.isEmpty() ? "Best model on the holdout" : "Best model on the holdout: "
        + any.get(0).family() + " (" + any.get(0).candidateId() + ")";
    return "<section id=\"best-model\">\n" + Html.heading(2, "best-model-title", title) + body
        + "</section>\n";
  }

  private interface Renderer {
    byte[] png(List<EvalPoint> points);
  }

  private static void chart(StringBuilder body, String kind, String title,
      List<EvalPoint> points, Renderer renderer) {
    if (!points.isEmpty()) {
      body.append(Html.heading(3, kind, title))
          .append(Html.chart(kind, title, renderer.png(points)));
    }
  }

  private static String metricTable(String cssClass, List<EvalPoint> metrics) {
    Table t = new Table(cssClass, List.of("Holdout metric", "Value"));
    metrics.forEach(p -> t.row(p.item(), Html.metric(p.value())));
    return t.html();
  }

  /** Actual classes down, predicted across, in the order the rows list them. */
  private static String confusion(List<EvalPoint> cells) {
    if (cells.isEmpty()) {
      return "";
    }
    Set<String> classes = new LinkedHashSet<>();
    Map<String, Long> counts = new HashMap<>();
    for (EvalPoint c : cells) {
      classes.add(c.actual());
      classes.add(c.predicted());
      counts.merge(c.actual() + "\u0000" + c.predicted(), c.count() == null ? 0L : c.count(),
          Long::sum);
    }
    List<String> header = new ArrayList<>();
    header.add("actual \\ predicted");
    header.addAll(classes);
    Table t = new Table("confusion", header);
    for (String actual : classes) {
      List<Object> row = new ArrayList<>();
      row.add(actual);
      classes.forEach(p -> row.add(counts.getOrDefault(actual + "\u0000" + p, 0L)));
      t.row(row.toArray());
    }
    return Html.heading(3, "confusion", "Confusion matrix") + t.html();
  }

  private static String threshold(List<EvalPoint> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    Table t = new Table("threshold", List.of("At the chosen threshold", "Value"));
    for (EvalPoint p : rows) {
      String item = "threshold".equals(p.item()) && p.predicted() != null
          ? "threshold (objective: " + p.predicted() + ")" : Html.text(p.item());
      t.row(item, Html.metric(p.value()));
    }
    return Html.heading(3, "threshold", "Chosen threshold") + t.html();
  }

  private static String residuals(List<EvalPoint> summary, List<EvalPoint> bins) {
    StringBuilder html = new StringBuilder();
    if (!summary.isEmpty()) {
      Table t = new Table("residuals", List.of("Residual (label - prediction)", "Value"));
      summary.forEach(p -> t.row(p.item(), Html.num(p.value())));
      html.append(Html.heading(3, "residuals", "Residuals")).append(t.html());
    }
    if (!bins.isEmpty()) {
      html.append(Html.chart("residuals", "Residual by prediction", Charts.residuals(bins)));
    }
    return html.toString();
  }

  /** The metrics of each other evaluated candidate (ranks 2, 3). */
  private static String others(ReportData data) {
    StringBuilder html = new StringBuilder();
    for (int rank : data.otherEvaluatedRanks()) {
      List<EvalPoint> metrics = data.ofRank(rank, "metric");
      if (metrics.isEmpty()) {
        continue;
      }
      EvalPoint first = metrics.get(0);
      html.append(Html.heading(3, "candidate-" + rank, "Rank " + rank + ": " + first.family()
          + " (" + first.candidateId() + ")")).append(metricTable("candidate", metrics));
    }
    return html.isEmpty() ? "" : "<div id=\"candidates\">\n" + html + "</div>\n";
  }
}
