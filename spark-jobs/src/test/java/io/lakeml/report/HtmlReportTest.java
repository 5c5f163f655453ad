package io.lakeml.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final Pattern CHART = Pattern.compile(
      "<img class=\"chart\" data-chart=\"([a-z]+)\"[^>]*src=\"data:image/png;base64,([^\"]+)\"");
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @Test
  void binaryReportHasTheClassificationSectionsAndValidCharts() throws IOException {
    String html = HtmlReport.render(SampleReports.binary());
    Map<String, BufferedImage> charts = charts(html);
    assertEquals(List.of("roc", "pr", "calibration", "importance", "progress"),
        List.copyOf(charts.keySet()));
    assertOrder(html, "id=\"run\"", "id=\"profile\"", "id=\"leaderboard\"", "id=\"best-model\"",
        "id=\"progress\"", "id=\"model\"");
    assertTrue(html.contains("id=\"confusion\""));
    assertTrue(html.contains("<td>good</td><td>300</td><td>40</td>"), "confusion row");
    assertTrue(html.contains("id=\"threshold\""));
    assertTrue(html.contains("threshold (objective: f1)"));
    assertFalse(html.contains("data-chart=\"residuals\""));
    assertFalse(html.contains("id=\"residuals\""));
    assertTrue(html.contains("id=\"candidate-2\"") && html.contains("id=\"candidate-3\""));
    assertTrue(html.contains("<tr class=\"best\"><td>1</td><td>t-002</td><td>gbt</td>"
        + "<td>0.8300 ± 0.0100</td><td>0.8200, 0.8400</td>"));
    assertTrue(html.contains("&quot;maxDepth&quot; : 5"), "parameters pretty-printed");
    assertTrue(html.contains("<pre class=\"provenance\">"));
  }

  @Test
  void regressionReportHasResidualsAndNoClassificationSections() throws IOException {
    String html = HtmlReport.render(SampleReports.regression());
    Map<String, BufferedImage> charts = charts(html);
    assertEquals(List.of("residuals", "importance", "progress"), List.copyOf(charts.keySet()));
    assertTrue(html.contains("id=\"residuals\""));
    for (String absent : List.of("id=\"roc\"", "id=\"pr\"", "id=\"calibration\"",
        "id=\"confusion\"", "id=\"threshold\"", "id=\"candidates\"")) {
      assertFalse(html.contains(absent), absent);
    }
  }

  @Test
  void sectionsWithoutDataAreLeftOut() {
    ReportData empty = new ReportData(SampleReports.run("binary", "areaUnderROC"), List.of(),
        List.of(), List.of(), List.of(), null);
    String html = HtmlReport.render(empty);
    assertTrue(html.contains("id=\"run\""));
    for (String absent : List.of("id=\"profile\"", "id=\"leaderboard\"", "id=\"progress\"",
        "id=\"roc\"", "<img", "class=\"provenance\"")) {
      assertFalse(html.contains(absent), absent);
    }
  }

  @Test
  void dataIsEscapedAndNothingIsFetched() {
    for (ReportData data : List.of(SampleReports.binary(), SampleReports.regression())) {
      String html = HtmlReport.render(data);
      assertFalse(html.contains(SampleReports.EVIL_COLUMN), "raw <script> from data");
      assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
      assertTrue(html.contains("&quot;note&quot; : &quot;&lt;b&gt;&quot;"));
      assertEquals(1, html.split("<script>", -1).length - 1, "only the page's own script");
      assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?\\s*https?:",
          Pattern.CASE_INSENSITIVE).matcher(html).find(), "a network URL");
      assertFalse(html.contains("<link"));
    }
  }

  @Test
  void bestSoFarRespectsTheMetricDirectionAndFullFractionOnly() {
    // cv means at 10, 20, 30, 40 s after T0; the second (fraction 0.33) never counts.
    SearchProgress larger = SearchProgress.of(SampleReports.binary().trials(), "areaUnderROC");
    assertEquals(4, larger.trials().size());
    assertArrayEquals(new double[] {0, 0.80}, larger.bestSoFar().get(0));
    assertArrayEquals(new double[] {20, 0.83}, larger.bestSoFar().get(2));
    assertArrayEquals(new double[] {30, 0.83}, larger.bestSoFar().get(3));
    SearchProgress smaller = SearchProgress.of(SampleReports.regression().trials(), "rmse");
    assertEquals(List.of(2.0, 2.0, 1.9, 1.9, 1.5, 1.5), smaller.bestSoFar().stream()
        .map(p -> p[1]).toList());
  }

  /** Every chart in page order, each checked to be a decodable PNG. */
  static Map<String, BufferedImage> charts(String html) throws IOException {
    Map<String, BufferedImage> charts = new LinkedHashMap<>();
    Matcher m = CHART.matcher(html);
    while (m.find()) {
      byte[] png = Base64.getDecoder().decode(m.group(2));
      assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8), m.group(1) + " PNG signature");
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertNotNull(image, m.group(1));
      assertTrue(image.getWidth() > 0 && image.getHeight() > 0, m.group(1));
      assertEquals(null, charts.put(m.group(1), image), "one " + m.group(1) + " chart");
    }
    return charts;
  }

  private static void assertOrder(String html, String... markers) {
    int last = -1;
    for (String marker : markers) {
      int at = html.indexOf(marker);
      assertTrue(at > last, marker + " missing or out of order");
      last = at;
    }
  }
}
