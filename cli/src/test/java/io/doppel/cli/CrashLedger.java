package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * What the server acknowledged during one or more crash cycles, and the checks that a restarted server still has
 * all of it. A write is entered only after its acknowledgement arrived (2xx, PUBACK), never before.
 */
final class CrashLedger {
  /** One telemetry value: twin, series time (epoch ms) and value. */
  record Point(String twin, long millis, double value) {}

  /** One relationship from {@code source} to {@code target}. */
  record Relationship(String source, String id, String target) {}

  /** Twin id to the highest counter value acknowledged for it (one writer per twin, increasing values). */
  final Map<String, Long> twins = new ConcurrentHashMap<>();
  final Queue<Relationship> relationships = new ConcurrentLinkedQueue<>();
  final Queue<Point> httpTelemetry = new ConcurrentLinkedQueue<>();
  final Queue<Point> mqttTelemetry = new ConcurrentLinkedQueue<>();
  /** Document path ({@code /scenarios/x}, {@code /mappings/y}) to a marker its stored definition must contain. */
  final Map<String, String> documents = new ConcurrentHashMap<>();
  /** Twin writes acknowledged (each PUT or PATCH), beside {@link #twins}' latest values. */
  final java.util.concurrent.atomic.AtomicLong twinWrites = new java.util.concurrent.atomic.AtomicLong();

  long total() {
    return twinWrites.get() + relationships.size() + httpTelemetry.size() + mqttTelemetry.size() + documents.size();
  }

  /** Adds a later cycle's acknowledgements (its twins' values are the newer ones). */
  void absorb(CrashLedger cycle) {
    cycle.twins.forEach((id, value) -> twins.merge(id, value, Math::max));
    relationships.addAll(cycle.relationships);
    httpTelemetry.addAll(cycle.httpTelemetry);
    mqttTelemetry.addAll(cycle.mqttTelemetry);
    documents.putAll(cycle.documents);
    twinWrites.addAndGet(cycle.twinWrites.get());
  }

  String figures() {
    return "twin writes " + twinWrites.get() + ", relationships " + relationships.size() + ", HTTP telemetry "
        + httpTelemetry.size() + ", MQTT telemetry " + mqttTelemetry.size() + ", documents " + documents.size();
  }

  /** Fails naming the first acknowledged write the server at {@code port} does not have. */
  void verify(HttpClient http, int port) throws Exception {
    for (Map.Entry<String, Long> twin : twins.entrySet()) {
      HttpResponse<String> response = ServerProcess.send(http, port, "GET", "/digitaltwins/" + twin.getKey(), null);
      assertThat(response.statusCode()).as("acknowledged twin %s: %s", twin.getKey(), response.body()).isEqualTo(200);
      assertThat(json(response.body()).path("counter").asLong()).as("counter of %s", twin.getKey())
          .isGreaterThanOrEqualTo(twin.getValue());
    }
    for (Relationship r : relationships) {
      HttpResponse<String> response = ServerProcess.send(http, port, "GET",
          "/digitaltwins/" + r.source() + "/relationships/" + r.id(), null);
      assertThat(response.statusCode()).as("acknowledged relationship %s: %s", r.id(), response.body())
          .isEqualTo(200);
      assertThat(json(response.body()).path("$targetId").asText()).as(r.id()).isEqualTo(r.target());
    }
    verifySeries(http, port, httpTelemetry, "HTTP");
    verifySeries(http, port, mqttTelemetry, "MQTT");
    for (Map.Entry<String, String> doc : documents.entrySet()) {
      HttpResponse<String> response = ServerProcess.send(http, port, "GET", doc.getKey(), null);
      assertThat(response.statusCode()).as("acknowledged document %s: %s", doc.getKey(), response.body())
          .isEqualTo(200);
      assertThat(response.body()).as(doc.getKey()).contains(doc.getValue());
    }
  }

  /** Reads each twin's {@code temp} series over the acknowledged times (every page) and finds every value. */
  private static void verifySeries(HttpClient http, int port, Queue<Point> points, String channel) throws Exception {
    Map<String, List<Point>> byTwin = points.stream().collect(Collectors.groupingBy(Point::twin));
    for (Map.Entry<String, List<Point>> e : byTwin.entrySet()) {
      long from = e.getValue().stream().mapToLong(Point::millis).min().orElseThrow();
      long to = e.getValue().stream().mapToLong(Point::millis).max().orElseThrow() + 1;
      Map<Long, Double> stored = read(http, port, e.getKey(), from, to);
      List<Point> lost = new ArrayList<>();
      for (Point p : e.getValue()) {
        Double value = stored.get(p.millis());
        if (value == null || value != p.value()) {
          lost.add(p);
        }
      }
      assertThat(lost).as("%s telemetry of %s acknowledged but not in its history (%d of %d)", channel, e.getKey(),
          lost.size(), e.getValue().size()).isEmpty();
    }
  }

  private static Map<Long, Double> read(HttpClient http, int port, String twin, long from, long to) throws Exception {
    Map<Long, Double> stored = new HashMap<>();
    String path = "/digitaltwins/" + twin + "/history?name=temp&maxPoints=20000&from=" + Instant.ofEpochMilli(from)
        + "&to=" + Instant.ofEpochMilli(to);
    while (path != null) {
      HttpResponse<String> response = ServerProcess.send(http, port, "GET", path, null);
      assertThat(response.statusCode()).as("history of %s: %s", twin, response.body()).isEqualTo(200);
      JsonNode page = json(response.body());
      for (JsonNode point : page.path("points")) {
        stored.put(Instant.parse(point.path("t").asText()).toEpochMilli(), point.path("v").asDouble());
      }
      String next = page.path("nextLink").asText(null);
      path = next == null ? null : URI.create(next).getRawPath() + "?" + URI.create(next).getRawQuery();
    }
    return stored;
  }

  static JsonNode json(String text) throws IOException {
    return ApiClient.MAPPER.readTree(text);
  }
}
