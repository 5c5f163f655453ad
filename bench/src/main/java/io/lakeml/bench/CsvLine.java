package io.lakeml.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a results CSV (RFC 4180 quoting: fields with a comma, quote or line break are
 * quoted, quotes doubled). Line breaks inside fields are written as spaces, so a line is a record.
 */
public final class CsvLine {
  private CsvLine() {}

  public static String format(List<String> fields) {
    List<String> out = new ArrayList<>();
    for (String f : fields) {
      String v = f == null ? "" : f.replace('\r', ' ').replace('\n', ' ');
      out.add(v.contains(",") || v.contains("\"")
          ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
    }
    return String.join(",", out);
  }

  public static List<String> parse(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("Unterminated quote in CSV line: " + line);
    }
    out.add(field.toString());
    return out;
  }
}
