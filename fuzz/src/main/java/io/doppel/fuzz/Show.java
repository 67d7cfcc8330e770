package io.doppel.fuzz;

import java.nio.charset.StandardCharsets;

/** Inputs as readable, copyable text for failure messages: Java string escapes, long inputs cut in the middle. */
public final class Show {
  private static final int MAX = 4_000;

  private Show() {}

  public static String text(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 16).append('"');
    int limit = text.length() > MAX ? MAX / 2 : text.length();
    for (int i = 0; i < text.length(); i++) {
      if (i == limit && text.length() > MAX) {
        out.append("\" + ... ").append(text.length() - MAX).append(" chars ... + \"");
        i = text.length() - MAX / 2;
      }
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7E) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Bytes as text when they are printable UTF-8, else as hex. */
  public static String bytes(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    if (java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), data)) {
      return data.length + " bytes, UTF-8: " + text(text);
    }
    StringBuilder hex = new StringBuilder(data.length * 2 + 32).append(data.length).append(" bytes, hex: ");
    int shown = Math.min(data.length, MAX / 2);
    for (int i = 0; i < shown; i++) {
      hex.append(Character.forDigit((data[i] >> 4) & 0xF, 16)).append(Character.forDigit(data[i] & 0xF, 16));
    }
    return shown < data.length ? hex.append(" ...").toString() : hex.toString();
  }
}
