package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code doppel twins forecast} against a real server with recorded telemetry. */
class TwinsForecastCommandTest {
  static final String MODEL = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Disk;1","@type":"Interface",
        "contents":[{"@type":"Telemetry","name":"used","schema":"double"}]}]
      """;

  @Test
  void forecastsARecordedSeriesAndItsThresholdCrossing() throws Exception {
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral())) {
      HttpClient http = HttpClient.newHttpClient();
      String base = server.baseUri().toString().replaceAll("/$", "");
      send(http, "POST", base + "/models", MODEL, null);
      send(http, "PUT", base + "/digitaltwins/disk1", "{\"$metadata\":{\"$model\":\"dtmi:cli:Disk;1\"}}", null);
      Instant start = Instant.parse("2026-11-01T00:00:00Z");
      for (int hour = 0; hour < 120; hour++) {
        // a disk filling at 0.5 per hour from 20, with a little daily wobble
        double used = 20 + 0.5 * hour + Math.sin(2 * Math.PI * hour / 24);
        send(http, "POST", base + "/digitaltwins/disk1/telemetry", "{\"used\":" + used + "}",
            start.plus(Duration.ofHours(hour)).toString());
      }
      server.history().caughtUp().join();
      GenerateCommandTest.Run r = GenerateCommandTest.run("twins", "forecast", "disk1", "--name", "used",
          "--horizon", "PT48H", "--threshold", "95", "--url", base);
      assertThat(r.exit()).as(r.err()).isZero();
      JsonNode out = new ObjectMapper().readTree(r.out());
      assertThat(out.path("points")).hasSize(48);
      // 20 + 0.5 * 150 = 95: about 31 hours after the last point (hour 119)
      Instant at = Instant.parse(out.path("threshold").path("at").asText());
      assertThat(at).isBetween(start.plus(Duration.ofHours(140)), start.plus(Duration.ofHours(160)));
      GenerateCommandTest.Run bad = GenerateCommandTest.run("twins", "forecast", "disk1", "--name", "used",
          "--horizon", "soon", "--url", base);
      assertThat(bad.exit()).isNotZero();
      assertThat(bad.err()).contains("horizon");
    }
  }

  private static void send(HttpClient http, String method, String url, String body, String sourceTime)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (sourceTime != null) {
      b.header("Telemetry-Source-Time", sourceTime);
    }
    HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isLessThan(300);
  }
}
