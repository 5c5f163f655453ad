package io.lakeml.report;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Small HTML building blocks; every text that comes from data goes through {@link #esc}. */
final class Html {
  private Html() {}

  /** Text escaped for element content and double- or single-quoted attribute values. */
  static String esc(Object value) {
    String s = value == null ? "" : value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A metric value: four decimals; "-" when absent. */
  static String metric(Double v) {
    return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }

  /** Any statistic: five significant digits; "-" when absent. */
  static String num(Double v) {
    return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.5g", v);
  }

  static String seconds(Double v) {
    return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  static String percent(Double share) {
    return share == null || share.isNaN() ? "-"
        : String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  static String text(Object v) {
    return v == null ? "-" : v.toString();
  }

  /** A chart as an inline PNG (no network); the page's script counts the decoded ones. */
  static String chart(String kind, String alt, byte[] png) {
    return "<img class=\"chart\" data-chart=\"" + esc(kind) + "\" alt=\"" + esc(alt)
        + "\" width=\"" + Charts.WIDTH + "\" height=\"" + Charts.HEIGHT
        + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">\n";
  }

  static String heading(int level, String id, String text) {
    return "<h" + level + " id=\"" + esc(id) + "\">" + esc(text) + "</h" + level + ">\n";
  }

  /** A table whose cells are all plain text (escaped here); no header row when empty. */
  static final class Table {
    private final StringBuilder html = new StringBuilder();

    Table(String cssClass, List<String> header) {
      html.append("<table class=\"").append(esc(cssClass)).append("\">\n");
      if (!header.isEmpty()) {
        html.append("<thead><tr>");
        header.forEach(h -> html.append("<th>").append(esc(h)).append("</th>"));
        html.append("</tr></thead>\n");
      }
      html.append("<tbody>\n");
    }

    Table row(Object... cells) {
      return rowOfClass(null, cells);
    }

    Table rowOfClass(String rowClass, Object... cells) {
      html.append(rowClass == null ? "<tr>" : "<tr class=\"" + esc(rowClass) + "\">");
      for (Object cell : cells) {
        html.append("<td>").append(esc(cell)).append("</td>");
      }
      html.append("</tr>\n");
      return this;
    }

    String html() {
      return html + "</tbody>\n</table>\n";
    }
  }
}
