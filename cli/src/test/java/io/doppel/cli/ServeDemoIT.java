package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as a real process: {@code doppel serve --demo} comes up with the demo twins and feeds
 * them by itself, an hour of history first, then live values.
 */
class ServeDemoIT {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void theDemoIsAliveWithHistoryAndLiveValues(@TempDir Path tmp) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path jar = Path.of(System.getProperty("doppel.jar", "target/doppel.jar"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = tmp.resolve("server.log");
    Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx768m", "-jar",
        jar.toString(), "serve", "--demo", "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--data", tmp.resolve("data").toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    String base = "http://127.0.0.1:" + port;
    try {
      Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> get(base + "/health").path("twinCount").asInt() >= 100);
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("Live demo data"));
      assertThat(Files.readString(log)).contains("devices over MQTT");
      // the backfill: an hour of one-minute points for a service
      Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
          .until(() -> history(base, "web-frontend", "requestRate").path("points").size() >= 55);
      // live values: a room's latest temperature keeps moving forward in time
      Instant first = latest(base, "room-101", "temperature");
      Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> latest(base, "room-101", "temperature").isAfter(first));
      assertThat(get(base + "/digitaltwins/machining-cnc-1-temp").path("lastTemperature").isNumber()).isTrue();
      // through the packs' stored mappings: the devices send °F, W and seconds, the twins hold °C, kW and ms
      assertThat(get(base + "/mappings").path("value").size()).isGreaterThanOrEqualTo(13);
      assertThat(get(base + "/mappings/factory-temperature-sensor").path("telemetry").path("temperature")
          .path("unit").asText()).isEqualTo("degF->degC");
      Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> latestValue(base, "machining-cnc-1", "powerDraw") > 0);
      // a running machine draws 65-85% of its rated 10-60 kW: in watts it would be thousands
      assertThat(latestValue(base, "machining-cnc-1", "powerDraw")).isBetween(0.1, 100.0);
      assertThat(latestValue(base, "machining-cnc-1-temp", "temperature")).isBetween(15.0, 110.0);
      assertThat(latestValue(base, "payment", "latencyP99")).isGreaterThan(1.0); // ms, not seconds
      assertThat(get(base + "/deadletters").path("value").size()).as("dead letters").isZero();
      // the demo's rules: four of them, and the floors' averages kept from their rooms
      assertThat(get(base + "/rules").path("value")).hasSize(4);
      Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> get(base + "/digitaltwins/floor-2").path("averageTemperature").isNumber());
      assertThat(Files.readString(log)).doesNotContain("Exception");
    } finally {
      process.destroy();
      process.waitFor();
    }
  }

  private JsonNode history(String base, String twin, String name) throws Exception {
    Instant now = Instant.now();
    return get(base + "/digitaltwins/" + twin + "/history?name=" + name + "&from="
        + now.minus(Duration.ofHours(2)) + "&to=" + now.plusSeconds(60));
  }

  private Instant latest(String base, String twin, String name) throws Exception {
    for (JsonNode entry : get(base + "/digitaltwins/" + twin + "/history/latest").path("value")) {
      if (entry.path("name").asText().equals(name)) {
        return Instant.parse(entry.path("t").asText());
      }
    }
    throw new AssertionError("no " + name + " yet");
  }

  private double latestValue(String base, String twin, String name) throws Exception {
    for (JsonNode entry : get(base + "/digitaltwins/" + twin + "/history/latest").path("value")) {
      if (entry.path("name").asText().equals(name)) {
        return entry.path("v").asDouble();
      }
    }
    throw new AssertionError("no " + name + " yet");
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
    return ApiClient.MAPPER.readTree(response.body());
  }
}
