package io.doppel.bench.ingestpeer;

import java.util.Locale;

/**
 * The values both targets ingest: {@code twins} meters with ten double telemetry values each ({@code v0..v9}), so
 * {@code 10 * twins} series, one point a second for {@code points} seconds. Values are a deterministic function of
 * series and point (a slow sine with two decimals, like a real sensor), so each target gets exactly the same numbers.
 */
record IngestValues(int twins, int points, long startMillis) {
  static final int PER_TWIN = 10;

  long total() {
    return (long) twins * PER_TWIN * points;
  }

  double value(int twin, int name, int point) {
    return Math.round((20 + name + Math.sin((point + twin * 7 + name) / 50.0) * 3) * 100) / 100.0;
  }

  long time(int point) {
    return startMillis + point * 1000L;
  }

  /** One Doppel telemetry message: the ten values of one twin at one point. */
  String telemetry(int twin, int point) {
    StringBuilder json = new StringBuilder(160).append('{');
    for (int v = 0; v < PER_TWIN; v++) {
      if (v > 0) {
        json.append(',');
      }
      json.append("\"v").append(v).append("\":").append(value(twin, v, point));
    }
    return json.append('}').toString();
  }

  /** Prometheus text lines for VictoriaMetrics: {@code v3{twin="meter-12"} 21.37 <ms>}, one per value. */
  void promLines(StringBuilder out, int twin, int point) {
    long t = time(point);
    for (int v = 0; v < PER_TWIN; v++) {
      out.append('v').append(v).append("{twin=\"meter-").append(twin).append("\"} ")
          .append(String.format(Locale.ROOT, "%s", value(twin, v, point))).append(' ').append(t).append('\n');
    }
  }
}
