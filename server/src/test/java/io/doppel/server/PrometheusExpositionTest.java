package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} parses as Prometheus text exposition (0.0.4), line by line with a parser of our own, and the
 * meters an operator alerts on are there and move with traffic: requests and their latency buckets, twins, queue
 * depth, ingest per connector, dead letters, store sizes, heap and free disk.
 */
class PrometheusExpositionTest {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
  private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?\\d+)?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\"");

  record Sample(String name, Map<String, String> labels, double value) {}

  /** Every line is HELP, TYPE, a sample of a declared family, or blank; anything else fails the test. */
  static List<Sample> parse(String text) {
    Map<String, String> types = new HashMap<>();
    List<Sample> samples = new ArrayList<>();
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isEmpty()) {
        continue;
      }
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        continue;
      }
      if ((m = TYPE.matcher(line)).matches()) {
        assertThat(types.put(m.group(1), m.group(2))).as("TYPE declared twice, line %d", lineNo).isNull();
        continue;
      }
      assertThat(line).as("line %d", lineNo).doesNotStartWith("#");
      m = SAMPLE.matcher(line);
      assertThat(m.matches()).as("line %d is not a sample: %s", lineNo, line).isTrue();
      String name = m.group(1);
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null && !m.group(3).isEmpty()) {
        String rest = m.group(3);
        Matcher l = LABEL.matcher(rest);
        int at = 0;
        while (at < rest.length()) {
          assertThat(l.find(at) && l.start() == at).as("labels of line %d: %s", lineNo, rest).isTrue();
          labels.put(l.group(1), l.group(2));
          at = l.end();
          if (at < rest.length()) {
            assertThat(rest.charAt(at)).as("line %d", lineNo).isEqualTo(',');
            at++;
          }
        }
      }
      String family = family(name, types);
      assertThat(family).as("line %d: sample %s of no declared family", lineNo, name).isNotNull();
      if (types.get(family).equals("histogram") && name.endsWith("_bucket")) {
        assertThat(labels).as("line %d", lineNo).containsKey("le");
      }
      samples.add(new Sample(name, labels, number(m.group(4))));
    }
    assertThat(samples).isNotEmpty();
    return samples;
  }

  private static String family(String name, Map<String, String> types) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String suffix : List.of("_total", "_bucket", "_count", "_sum", "_created", "_max")) {
      if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return null;
  }

  private static double number(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }

  private static double value(List<Sample> samples, String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(Sample::value).sum();
  }

  private static boolean has(List<Sample> samples, String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  @Test
  void metricsAreValidPrometheusTextAndMoveWithTraffic(@TempDir Path data) throws Exception {
    TestServer.test(c -> c.withDataDir(data), (server, http) -> {
      List<Sample> before = parse(http.get("/metrics").text());
      for (String name : List.of("doppel_twins", "doppel_engine_queue_depth", "jvm_memory_used_bytes",
          "disk_free_bytes", "doppel_store_disk_bytes", "doppel_deadletters_stored", "doppel_ingest_messages_total",
          "doppel_ingest_rate", "doppel_routes_lag")) {
        assertThat(has(before, name)).as(name).isTrue();
      }
      assertThat(value(before, "doppel_twins", Map.of())).isZero();
      assertThat(value(before, "disk_free_bytes", Map.of())).isPositive();
      assertThat(value(before, "jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
      assertThat(value(before, "doppel_store_disk_bytes", Map.of("store", "twins"))).isPositive();

      IngestFixtures.sensors(http, "s1", "s2");
      for (int i = 0; i < 3; i++) {
        assertThat(http.post("/ingest?topic=twins/s1/telemetry", "{\"temperature\":" + i + "}").status())
            .isLessThan(300);
      }
      // one that no mapping or twin takes: a dead letter
      assertThat(http.post("/ingest?topic=nowhere/at/all", "{\"x\":1}").status()).isLessThan(500);
      http.get("/digitaltwins/none");

      List<Sample> after = parse(http.get("/metrics").text());
      assertThat(value(after, "doppel_twins", Map.of())).isEqualTo(2);
      Map<String, String> put = Map.of("method", "PUT", "route", "/digitaltwins/{id}", "status", "200");
      assertThat(value(after, "doppel_http_requests_seconds_count", put)).isEqualTo(2);
      Map<String, String> slowest = new HashMap<>(put);
      slowest.put("le", "+Inf");
      assertThat(value(after, "doppel_http_requests_seconds_bucket", slowest)).isEqualTo(2);
      assertThat(value(after, "doppel_http_requests_seconds_count", Map.of("status", "404"))).isPositive();
      assertThat(value(after, "doppel_ingest_messages_total", Map.of("connector", "http")))
          .isGreaterThan(value(before, "doppel_ingest_messages_total", Map.of("connector", "http")));
      assertThat(value(after, "doppel_deadletters_stored", Map.of())).isEqualTo(1);
      assertThat(value(after, "doppel_store_disk_bytes", Map.of("store", "history"))).isPositive();
    });
  }
}
