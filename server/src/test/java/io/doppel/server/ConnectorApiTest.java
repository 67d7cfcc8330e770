package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /connectors} over real HTTP: validation, fixed connectors, status of an unreachable source, persistence. */
class ConnectorApiTest {
  /** Nothing listens on port 1 of the loopback interface: the connector can only be disconnected. */
  static final String UNREACHABLE_KAFKA = """
      {"type":"kafka","bootstrap":"127.0.0.1:1","topics":["t"],"group":"g"}
      """;

  @Test
  void badConfigurationsAreRefusedNamingTheField() throws Exception {
    TestServer.test((server, http) -> {
      assertRefused(http, "{\"type\":\"kafka\",\"topics\":[\"t\"]}", "bootstrap");
      assertRefused(http, "{\"type\":\"kafka\",\"bootstrap\":\"h:9092\",\"topics\":[]}", "topics");
      assertRefused(http, "{\"type\":\"kafka\",\"bootstrap\":\"h:9092\",\"topics\":[\"\"]}", "topics[0]");
      assertRefused(http, "{\"type\":\"kafka\",\"bootstrap\":\"h:9092\",\"topics\":[\"t\"],\"grup\":\"g\"}", "grup");
      assertRefused(http, "{\"type\":\"kafka\",\"bootstrap\":\"h:9092\",\"topics\":[\"t\"],"
          + "\"properties\":{\"enable.auto.commit\":\"true\"}}", "properties.enable.auto.commit");
      assertRefused(http, "{\"type\":\"amqp\"}", "type");
      assertRefused(http, "{\"type\":\"mqtt-bridge\",\"uri\":\"tcp://h:1883\",\"topics\":[\"a/#/b\"]}", "topics[0]");
      assertThat(http.put("/connectors/bad%20id", UNREACHABLE_KAFKA).targets().trim()).isEqualTo("id");
      assertThat(http.get("/connectors/nope").errorCode()).isEqualTo("CONNECTOR_NOT_FOUND");
      assertThat(http.delete("/connectors/nope").errorCode()).isEqualTo("CONNECTOR_NOT_FOUND");
      assertThat(http.post("/connectors/nope:pause", "").errorCode()).isEqualTo("CONNECTOR_NOT_FOUND");
    });
  }

  @Test
  void httpTelemetryIsAFixedConnectorThatCounts() throws Exception {
    TestServer.test((server, http) -> {
      IngestFixtures.sensors(http, "s1");
      assertThat(http.post("/digitaltwins/s1/telemetry", "{\"temperature\":20}").status()).isEqualTo(204);
      JsonNode fixed = http.get("/connectors/http").json();
      assertThat(fixed.path("fixed").asBoolean()).isTrue();
      assertThat(fixed.path("status").asText()).isEqualTo("running");
      await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/connectors/http").json().path("messagesIn")
          .asLong() == 1);
      assertThat(http.delete("/connectors/http").status()).isEqualTo(400);
      assertThat(http.post("/connectors/http:pause", "").status()).isEqualTo(400);
      assertThat(http.put("/connectors/http", UNREACHABLE_KAFKA).status()).isEqualTo(400);
    });
  }

  @Test
  void anUnreachableSourceShowsDisconnectedAndPauseSurvivesARestart(@TempDir Path dir) throws Exception {
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(dir))) {
      Http http = new Http(server.baseUri());
      Http.Response put = http.put("/connectors/plant", UNREACHABLE_KAFKA);
      assertThat(put.status()).as(put.text()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        JsonNode status = http.get("/connectors/plant").json();
        assertThat(status.path("status").asText()).isEqualTo("disconnected");
        assertThat(status.path("lastError").asText()).contains("127.0.0.1:1");
        assertThat(status.path("lag").isNull()).isTrue();
      });
      assertThat(http.put("/connectors/bridge", """
          {"type":"mqtt-bridge","uri":"tcp://127.0.0.1:1","topics":["plant/#"],"username":"u","password":"secret"}
          """).status()).isEqualTo(201);
      assertThat(http.get("/connectors/bridge").json().path("config").path("password").asText()).isEqualTo("***");
      assertThat(http.post("/connectors/plant:pause", "").json().path("status").asText()).isEqualTo("paused");
      assertThat(http.put("/connectors/plant", UNREACHABLE_KAFKA.replace("\"g\"", "\"g2\"")).status())
          .isEqualTo(200);
      assertThat(http.post("/connectors/plant:pause", "").status()).isEqualTo(200);
    }
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(dir))) {
      Http http = new Http(server.baseUri());
      JsonNode plant = http.get("/connectors/plant").json();
      assertThat(plant.path("status").asText()).isEqualTo("paused");
      assertThat(plant.path("config").path("group").asText()).isEqualTo("g2");
      java.util.List<String> ids = new java.util.ArrayList<>();
      http.get("/connectors").json().path("value").forEach(c -> ids.add(c.path("id").asText()));
      assertThat(ids).containsExactly("http", "bridge", "plant");
      assertThat(http.post("/connectors/plant:resume", "").status()).isEqualTo(200);
      assertThat(http.delete("/connectors/plant").status()).isEqualTo(204);
      assertThat(http.get("/connectors/plant").status()).isEqualTo(404);
    }
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(dir))) {
      assertThat(new Http(server.baseUri()).get("/connectors/plant").status()).isEqualTo(404);
    }
  }

  private static void assertRefused(Http http, String body, String target) {
    Http.Response response = http.put("/connectors/c1", body);
    assertThat(response.status()).as(response.text()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("CONNECTOR_INVALID");
    assertThat(response.targets().trim()).isEqualTo(target);
  }
}
