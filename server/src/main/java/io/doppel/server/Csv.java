package io.doppel.server;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV: a field holding a comma, a quote, a carriage return or a line feed is quoted, with quotes doubled;
 * records end with CRLF, as the RFC has it (spreadsheets and pandas read both).
 */
final class Csv {
  static final String MEDIA_TYPE = "text/csv; charset=utf-8";

  private Csv() {}

  static void record(Writer out, List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      field(out, fields.get(i));
    }
    out.write("\r\n");
  }

  static void field(Writer out, String value) throws IOException {
    if (!needsQuotes(value)) {
      out.write(value);
      return;
    }
    out.write('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        out.write('"');
      }
      out.write(c);
    }
    out.write('"');
  }

  private static boolean needsQuotes(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }
}
