package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.ingest.Message;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code GET /digitaltwins/{id}/connection} and {@code GET /connections} over real HTTP. */
class ConnectionApiTest {
  @Test
  void aTwinFedByADeviceShowsOnlineWithItsSource() throws Exception {
    TestServer.test((server, http) -> {
      HistoryApiTest.meter(http, "m1");
      HistoryApiTest.meter(http, "m2");
      JsonNode before = http.get("/digitaltwins/m1/connection").json();
      assertThat(before.path("online").asBoolean()).isFalse();
      assertThat(before.path("lastHeard").isNull()).isTrue();

      server.ingestor().ingest(Message.of("mqtt", "meter-device", "twins/m1/telemetry",
          "{\"power\": 3.5}".getBytes(StandardCharsets.UTF_8), Instant.now())).join();
      JsonNode after = http.get("/digitaltwins/m1/connection").json();
      assertThat(after.path("online").asBoolean()).isTrue();
      assertThat(after.path("source").path("channel").asText()).isEqualTo("mqtt");
      assertThat(after.path("source").path("source").asText()).isEqualTo("meter-device");
      assertThat(after.path("offlineAfter").asText()).isEqualTo("PT5M");

      JsonNode online = http.get("/connections?online=true").json();
      assertThat(online.path("value")).hasSize(1);
      assertThat(online.path("value").get(0).path("twinId").asText()).isEqualTo("m1");
      assertThat(http.get("/connections?online=false").json().path("value")).isEmpty();
    });
  }

  @Test
  void unknownTwinsAndBadFiltersAreRefused() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response missing = http.get("/digitaltwins/nobody/connection");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.json().path("error").path("code").asText()).isEqualTo("TWIN_NOT_FOUND");
      Http.Response bad = http.get("/connections?online=maybe");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.text()).contains("online");
    });
  }
}
