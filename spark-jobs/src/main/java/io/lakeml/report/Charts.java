package io.lakeml.report;

import io.lakeml.report.ReportData.EvalPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's charts, each rendered by JFreeChart to PNG bytes (640 x 400) in headless AWT, so it
 * works on a driver without a display. Inputs are the evaluation points of one section in seq
 * order (see io.lakeml.evaluate.EvaluationTable) or the search progress.
 */
final class Charts {
  static final int WIDTH = 640;
  static final int HEIGHT = 400;
  static final int TOP_FEATURES = 20;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Charts() {}

  /** ROC: true against false positive rate, with the chance diagonal. */
  static byte[] roc(List<EvalPoint> points) {
    return curve("ROC curve", "False positive rate", "True positive rate", "model", points,
        "chance", false);
  }

  /** Precision against recall. */
  static byte[] pr(List<EvalPoint> points) {
    return curve("Precision-recall curve", "Recall", "Precision", "model", points, null, false);
  }

  /** Observed positive rate against mean predicted probability per bin, with the diagonal. */
  static byte[] calibration(List<EvalPoint> points) {
    return curve("Calibration", "Mean predicted probability", "Observed positive rate",
        "model", points, "perfectly calibrated", true);
  }

  /** Mean residual (label - prediction) against mean prediction per decile, with zero. */
  static byte[] residuals(List<EvalPoint> points) {
    XYSeries s = series("mean residual", points);
    JFreeChart chart = ChartFactory.createXYLineChart("Residual by prediction",
        "Mean prediction", "Mean residual (label - prediction)", new XYSeriesCollection(s),
        PlotOrientation.VERTICAL, false, false, false);
    XYPlot plot = style(chart).getXYPlot();
    plot.setRenderer(new XYLineAndShapeRenderer(true, true));
    plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
    ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
    return png(chart);
  }

  /** Horizontal bars of the top features by importance, the most important on top. */
  static byte[] importance(List<EvalPoint> points) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    Set<String> seen = new HashSet<>();
    for (EvalPoint p : points.stream().limit(TOP_FEATURES).toList()) {
      String name = p.item() == null ? "?" : p.item();
      for (int n = 2; !seen.add(name); n++) {
        name = p.item() + " (" + n + ")";
      }
      data.addValue(p.value() == null ? 0.0 : p.value(), "importance", name);
    }
    JFreeChart chart = ChartFactory.createBarChart("Feature importance (top " + TOP_FEATURES
        + ")", "Feature", "Importance (share)", data, PlotOrientation.HORIZONTAL, false, false,
        false);
    CategoryPlot plot = style(chart).getCategoryPlot();
    plot.getRenderer().setSeriesPaint(0, new Color(0x2b6cb0));
    return png(chart);
  }

  /** Each trial's CV mean over time, and the best so far as a step line. */
  static byte[] progress(SearchProgress progress, String metric) {
    XYSeries trials = new XYSeries("trial", false);
    progress.trials().forEach(p -> trials.add(p[0], p[1]));
    XYSeries best = new XYSeries("best so far", false);
    progress.bestSoFar().forEach(p -> best.add(p[0], p[1]));
    XYSeriesCollection data = new XYSeriesCollection(trials);
    data.addSeries(best);
    JFreeChart chart = ChartFactory.createXYLineChart("Search progress",
        "Seconds since the first trial ended", "CV " + (metric == null ? "metric" : metric),
        data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = style(chart).getXYPlot();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    renderer.setSeriesLinesVisible(0, false);
    renderer.setSeriesShapesVisible(0, true);
    renderer.setSeriesLinesVisible(1, true);
    renderer.setSeriesShapesVisible(1, false);
    plot.setRenderer(renderer);
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    return png(chart);
  }

  private static byte[] curve(String title, String xLabel, String yLabel, String name,
      List<EvalPoint> points, String diagonal, boolean markers) {
    XYSeriesCollection data = new XYSeriesCollection(series(name, points));
    if (diagonal != null) {
      XYSeries d = new XYSeries(diagonal);
      d.add(0.0, 0.0);
      d.add(1.0, 1.0);
      data.addSeries(d);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data,
        PlotOrientation.VERTICAL, diagonal != null, false, false);
    XYPlot plot = style(chart).getXYPlot();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    renderer.setSeriesShapesVisible(0, markers);
    renderer.setSeriesPaint(1, Color.GRAY);
    plot.setRenderer(renderer);
    plot.getDomainAxis().setRange(0.0, 1.0);
    plot.getRangeAxis().setRange(0.0, 1.05);
    return png(chart);
  }

  /** x, y of each point with both set, in the given (seq) order. */
  private static XYSeries series(String name, List<EvalPoint> points) {
    XYSeries s = new XYSeries(name, false);
    points.stream().filter(p -> p.x() != null && p.y() != null).forEach(p -> s.add(p.x(), p.y()));
    return s;
  }

  private static JFreeChart style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(new Color(0xf7f7f7));
    return chart;
  }

  private static byte[] png(JFreeChart chart) {
    try {
      return ChartUtils.encodeAsPNG(chart.createBufferedImage(WIDTH, HEIGHT));
    } catch (IOException e) {
      throw new UncheckedIOException("Rendering the chart " + chart.getTitle().getText()
          + " failed", e);
    }
  }
}
