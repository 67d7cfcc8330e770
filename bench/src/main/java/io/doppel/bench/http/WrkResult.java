package io.doppel.bench.http;

import java.util.HashMap;
import java.util.Map;

/**
 * What one wrk run measured, parsed from the {@code DOPPEL_RESULT} line that {@code patch.lua} prints. Latencies
 * are wrk's (closed-loop: they include queueing behind slower requests on the same connection, not coordinated
 * omission corrected).
 */
record WrkResult(
    long requests,
    long durationMicros,
    long statusErrors,
    long socketErrors,
    long p50Micros,
    long p90Micros,
    long p99Micros,
    long p999Micros,
    double meanMicros,
    long maxMicros) {

  static final String MARKER = "DOPPEL_RESULT ";

  /** Requests answered per second, errors included (see {@link #statusErrors}). */
  double throughput() {
    return requests * 1_000_000.0 / durationMicros;
  }

  static WrkResult parse(String wrkOutput) {
    String line = wrkOutput.lines().filter(l -> l.startsWith(MARKER)).findFirst()
        .orElseThrow(() -> new IllegalStateException("wrk printed no " + MARKER.strip() + " line:\n" + wrkOutput));
    Map<String, String> fields = new HashMap<>();
    for (String pair : line.substring(MARKER.length()).strip().split(" ")) {
      int eq = pair.indexOf('=');
      fields.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return new WrkResult(
        number(fields, "requests"),
        number(fields, "duration_us"),
        number(fields, "status_errors"),
        number(fields, "connect_errors") + number(fields, "read_errors") + number(fields, "write_errors")
            + number(fields, "timeouts"),
        number(fields, "p50_us"),
        number(fields, "p90_us"),
        number(fields, "p99_us"),
        number(fields, "p999_us"),
        Double.parseDouble(fields.getOrDefault("mean_us", "0")),
        number(fields, "max_us"));
  }

  private static long number(Map<String, String> fields, String key) {
    String value = fields.get(key);
    if (value == null) {
      throw new IllegalStateException("wrk result has no '" + key + "': " + fields);
    }
    return Long.parseLong(value);
  }
}
