package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query rows as an aligned text table for a terminal: nested objects as dotted columns (as the server's CSV has
 * them), arrays as JSON, line breaks and tabs shown as {@code \n} and {@code \t} so that a row stays on one line.
 */
final class RowTable {
  private RowTable() {}

  static void print(PrintWriter out, Iterable<JsonNode> rows) {
    Set<String> columns = new LinkedHashSet<>();
    List<Map<String, String>> cells = new ArrayList<>();
    for (JsonNode row : rows) {
      Map<String, String> flat = new LinkedHashMap<>();
      flatten(row, "", flat);
      columns.addAll(flat.keySet());
      cells.add(flat);
    }
    List<String> header = List.copyOf(columns);
    int[] widths = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      widths[i] = header.get(i).length();
      for (Map<String, String> row : cells) {
        widths[i] = Math.max(widths[i], row.getOrDefault(header.get(i), "").length());
      }
    }
    line(out, header, widths);
    List<String> rule = new ArrayList<>();
    for (int w : widths) {
      rule.add("-".repeat(w));
    }
    line(out, rule, widths);
    for (Map<String, String> row : cells) {
      List<String> values = new ArrayList<>();
      header.forEach(column -> values.add(row.getOrDefault(column, "")));
      line(out, values, widths);
    }
    out.println("(" + cells.size() + (cells.size() == 1 ? " row)" : " rows)"));
    out.flush();
  }

  private static void line(PrintWriter out, List<String> values, int[] widths) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        text.append("  ");
      }
      String value = values.get(i);
      text.append(value);
      if (i < values.size() - 1) {
        text.append(" ".repeat(widths[i] - value.length()));
      }
    }
    out.println(text);
  }

  private static void flatten(JsonNode value, String column, Map<String, String> out) {
    if (value.isObject() && !value.isEmpty()) {
      value.properties().forEach(member ->
          flatten(member.getValue(), column.isEmpty() ? member.getKey() : column + "." + member.getKey(), out));
      return;
    }
    String name = column.isEmpty() ? "value" : column;
    String text = value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString();
    out.put(name, text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"));
  }
}
