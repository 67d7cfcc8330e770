package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.stream.StreamStats;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /events} over a real server: a real SSE client and a real WebSocket client. */
class StreamApiTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static JsonNode json(String text) throws Exception {
    return Http.MAPPER.readTree(text);
  }

  private static void setTemperature(Http http, String room, double value) {
    Http.Response r = http.patch("/digitaltwins/" + room,
        "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":" + value + "}]");
    assertThat(r.status()).as(r.text()).isEqualTo(204);
  }

  private static double temperatureIn(String cloudEvent) throws Exception {
    return json(cloudEvent).path("data").path("patch").get(0).path("value").asDouble();
  }

  @Test
  void sseDeliversLiveCloudEventsOfTheChosenTwinOnly() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "r1", 20);
      Fixtures.createRoom(http, "r2", 20);
      try (SseClient sse = SseClient.connect(server.baseUri(), "/events?twin=r1&type=io.doppel.twin.patched")) {
        assertThat(sse.status()).isEqualTo(200);
        setTemperature(http, "r2", 1);
        setTemperature(http, "r1", 2);
        setTemperature(http, "r1", 3);
        List<SseClient.Event> events = sse.take(2);
        JsonNode first = json(events.get(0).data());
        assertThat(first.path("specversion").asText()).isEqualTo("1.0");
        assertThat(first.path("type").asText()).isEqualTo("io.doppel.twin.patched");
        assertThat(first.path("source").asText()).isEqualTo("/digitaltwins/r1");
        assertThat(first.path("subject").asText()).isEqualTo("r1");
        assertThat(first.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(events.get(0).id()).isEqualTo(first.path("id").asText());
        assertThat(temperatureIn(events.get(0).data())).isEqualTo(2);
        assertThat(temperatureIn(events.get(1).data())).isEqualTo(3);
        assertThat(Long.parseLong(events.get(1).id())).isGreaterThan(Long.parseLong(events.get(0).id()));
      }
    });
  }

  @Test
  void sseReconnectingWithLastEventIdGetsExactlyTheMissedEventsInOrder() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "r1", 20);
      String last;
      try (SseClient sse = SseClient.connect(server.baseUri(), "/events?twin=r1")) {
        setTemperature(http, "r1", 1);
        setTemperature(http, "r1", 2);
        last = sse.take(2).get(1).id();
      }
      for (int t = 3; t <= 6; t++) {
        setTemperature(http, "r1", t);
      }
      try (SseClient again = SseClient.connect(server.baseUri(), "/events?twin=r1", "Last-Event-ID", last)) {
        List<Double> missed = new ArrayList<>();
        for (SseClient.Event e : again.take(4)) {
          missed.add(temperatureIn(e.data()));
        }
        assertThat(missed).containsExactly(3.0, 4.0, 5.0, 6.0);
        setTemperature(http, "r1", 7);
        assertThat(temperatureIn(again.take(1).get(0).data())).isEqualTo(7);
      }
    });
  }

  @Test
  void webSocketFiltersByBaseModelAndReplaysFromACursor() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      long cursor = server.engine().version();
      Fixtures.createRoom(http, "r1", 20);
      Fixtures.createDevice(http, "d1");
      try (WsClient ws = WsClient.connect(server.baseUri(), "/events?model=dtmi:test:Room;1&cursor=" + cursor)) {
        setTemperature(http, "r1", 5);
        List<String> messages = ws.take(2);
        assertThat(json(messages.get(0)).path("type").asText()).isEqualTo("io.doppel.twin.created");
        assertThat(json(messages.get(0)).path("data").path("$dtId").asText()).isEqualTo("r1");
        assertThat(temperatureIn(messages.get(1))).isEqualTo(5);
      }
    });
  }

  @Test
  void aWebSocketWithoutParametersSubscribesWithAMessage() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "r1", 20);
      Fixtures.createRoom(http, "r2", 20);
      long cursor = server.engine().version();
      try (WsClient ws = WsClient.connect(server.baseUri(), "/events")) {
        ws.send("{\"type\":\"subscribe\",\"filter\":{\"twin\":[\"r2\"]},\"cursor\":" + cursor + "}");
        setTemperature(http, "r1", 1);
        setTemperature(http, "r2", 2);
        assertThat(temperatureIn(ws.take(1).get(0))).isEqualTo(2);
        ws.send("{\"type\":\"subscribe\",\"filter\":{\"model\":\"not a dtmi\"}}");
        WsClient.Closed closed = ws.awaitClose();
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).startsWith("INVALID_ARGUMENT: model:");
      }
    });
  }

  @Test
  void badFilterParametersAre400WithAStableCodeNamingTheParameter() throws Exception {
    TestServer.test((server, http) -> {
      for (String[] bad : new String[][] {{"model=Room", "model"}, {"twinId=r1", "twinId"},
          {"type=io.doppel.twin.exploded", "type"}, {"cursor=soon", "cursor"}, {"cursor=999999", "cursor"}}) {
        try (SseClient sse = SseClient.open(server.baseUri(), "/events?" + bad[0])) {
          assertThat(sse.status()).as(bad[0]).isEqualTo(400);
          JsonNode error = json(sse.errorBody()).path("error");
          assertThat(error.path("code").asText()).isEqualTo("INVALID_ARGUMENT");
          assertThat(error.path("details").get(0).path("target").asText()).isEqualTo(bad[1]);
        }
      }
      assertThatThrownBy(() -> WsClient.connect(server.baseUri(), "/events?model=Room"))
          .isInstanceOf(CompletionException.class)
          .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
              e -> assertThat(e.getResponse().statusCode()).isEqualTo(400));
    });
  }

  @Test
  void aCursorFromBeforeARestartReplaysFromTheChangeLogNotASilentGap(@TempDir Path data) throws Exception {
    long old;
    try (DoppelServer first = DoppelServer.start(ServerConfig.ephemeral().withDataDir(data))) {
      Http http = new Http(first.baseUri());
      Fixtures.uploadModels(http);
      old = first.engine().version();
      Fixtures.createRoom(http, "r1", 20);
    }
    try (DoppelServer second = DoppelServer.start(ServerConfig.ephemeral().withDataDir(data))) {
      try (SseClient sse = SseClient.connect(second.baseUri(), "/events?cursor=" + old)) {
        assertThat(sse.status()).isEqualTo(200);
        assertThat(json(sse.take(1).get(0).data()).path("type").asText()).isEqualTo("io.doppel.twin.created");
      }
      // The version the server restarted at is still a good cursor: nothing after it was missed.
      long now = second.engine().version();
      try (SseClient sse = SseClient.connect(second.baseUri(), "/events?cursor=" + now)) {
        assertThat(sse.status()).isEqualTo(200);
        Http http = new Http(second.baseUri());
        setTemperature(http, "r1", 9);
        assertThat(temperatureIn(sse.take(1).get(0).data())).isEqualTo(9);
      }
    }
  }

  /** Patches with a large value, so that a client that stops reading fills the socket buffers soon. */
  private static void bigPatches(DoppelServer server, int n) {
    String filler = "x".repeat(8000);
    for (int i = 0; i < n; i++) {
      var patch = Http.MAPPER.createArrayNode();
      patch.addObject().put("op", "add").put("path", "/name").put("value", i + filler);
      server.engine().patchTwin("r1", patch, io.doppel.twin.Precondition.none());
    }
  }

  @Test
  void aStalledSseClientIsDisconnectedWithAReasonWhileOthersKeepReceiving() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "r1", 20);
      try (SseClient stalled = SseClient.open(server.baseUri(), "/events?maxLag=20");
          SseClient reader = SseClient.connect(server.baseUri(), "/events")) {
        bigPatches(server, 2000);
        assertThat(reader.take(2000)).hasSize(2000);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(server.streams().stats())
            .extracting(StreamStats::tooSlowDisconnects).isEqualTo(1L));
        stalled.startReading();
        List<SseClient.Event> got = stalled.untilEnd();
        SseClient.Event last = got.get(got.size() - 1);
        assertThat(last.event()).isEqualTo("error");
        assertThat(json(last.data()).path("code").asText()).isEqualTo("SUBSCRIBER_TOO_SLOW");
        assertThat(got.size() - 1).isLessThan(2000);
      }
    });
  }

  @Test
  void aStalledWebSocketIsClosedWith1008AndTheReasonWhileOthersKeepReceiving() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "r1", 20);
      long cursor = server.engine().version();
      try (WsClient stalled = WsClient.stalled(server.baseUri(), "/events?maxLag=20&cursor=" + cursor);
          WsClient reader = WsClient.connect(server.baseUri(), "/events?cursor=" + cursor)) {
        bigPatches(server, 2000);
        assertThat(reader.take(2000)).hasSize(2000);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(server.streams().stats())
            .extracting(StreamStats::tooSlowDisconnects).isEqualTo(1L));
        stalled.startReading();
        WsClient.Closed closed = stalled.awaitClose();
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).startsWith("SUBSCRIBER_TOO_SLOW");
      }
    });
  }

  @Test
  void streamsRequireTheBearerTokenWhenTheServerHasOne() throws Exception {
    TestServer.test(c -> c.withToken("s3cret"), (server, http) -> {
      try (SseClient anonymous = SseClient.open(server.baseUri(), "/events")) {
        assertThat(anonymous.status()).isEqualTo(401);
      }
      try (SseClient allowed = SseClient.open(server.baseUri(), "/events", "Authorization", "Bearer s3cret")) {
        assertThat(allowed.status()).isEqualTo(200);
      }
      assertThatThrownBy(() -> WsClient.connect(server.baseUri(), "/events"))
          .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
              e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
      // With a cursor, nothing written after connecting can slip past a subscription still being set up.
      long cursor = server.engine().version();
      try (WsClient ws = WsClient.connect(server.baseUri(), "/events?type=io.doppel.twin.*&cursor=" + cursor,
          "Authorization", "Bearer s3cret")) {
        Fixtures.uploadModels(http.withHeader("Authorization", "Bearer s3cret"));
        Http authed = http.withHeader("Authorization", "Bearer s3cret");
        assertThat(authed.put("/digitaltwins/r1", Fixtures.room("r1", 20)).status()).isEqualTo(200);
        assertThat(json(ws.take(1).get(0)).path("subject").asText()).isEqualTo("r1");
      }
    });
  }
}
