package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** {@code /events?where=...}: subscriptions filtered by a query-language condition, over a real server. */
class StreamWhereApiTest {
  private static JsonNode json(String text) throws Exception {
    return Http.MAPPER.readTree(text);
  }

  private static String where(String condition) {
    return "where=" + URLEncoder.encode(condition, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void patch(Http http, String twin, String property, Object value) {
    Http.Response r = http.patch("/digitaltwins/" + twin,
        "[{\"op\":\"replace\",\"path\":\"/" + property + "\",\"value\":" + value + "}]");
    assertThat(r.status()).as(r.text()).isEqualTo(204);
  }

  private static String subjectAndValue(String cloudEvent) throws Exception {
    JsonNode e = json(cloudEvent);
    return e.path("subject").asText() + "=" + e.path("data").path("patch").get(0).path("value").asText();
  }

  @Test
  void sseTestsTheTwinAfterTheChangeAndCombinesWithTheOtherFilters() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      for (String room : List.of("r1", "r2", "r3")) {
        Fixtures.createRoom(http, room, 20);
      }
      patch(http, "r2", "floor", 2);
      // "floor" is in no patch below: only the twin's state after the change can answer it.
      String query = "/events?twin=r1&twin=r2&type=io.doppel.twin.patched&"
          + where("floor = 1 AND temperature > 25");
      try (SseClient sse = SseClient.connect(server.baseUri(), query)) {
        assertThat(sse.status()).isEqualTo(200);
        patch(http, "r3", "temperature", 30); // not one of the twins
        patch(http, "r1", "temperature", 25); // not above 25
        patch(http, "r2", "temperature", 30); // on floor 2
        patch(http, "r1", "temperature", 26);
        patch(http, "r2", "floor", 1); // now on floor 1 and at 30: passes
        patch(http, "r1", "temperature", 24.5);
        patch(http, "r1", "temperature", 27);
        List<String> got = sse.take(3).stream().map(SseClient.Event::data).map(d -> {
          try {
            return subjectAndValue(d);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        }).toList();
        assertThat(got).containsExactly("r1=26", "r2=1", "r1=27");
      }
    });
  }

  @Test
  void webSocketSubscribesWithAConditionOnIdAndModelAndReportsABadOneWithItsPosition() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      long cursor = server.engine().version();
      try (WsClient ws = WsClient.connect(server.baseUri(), "/events")) {
        ws.send("{\"type\":\"subscribe\",\"filter\":{\"where\":"
            + "\"IS_OF_MODEL('dtmi:test:Room;1') AND STARTSWITH($dtId, 'hot-')\"},\"cursor\":" + cursor + "}");
        Fixtures.createDevice(http, "hot-device");
        Fixtures.createRoom(http, "cold-1", 30);
        Fixtures.createRoom(http, "hot-1", 30);
        assertThat(http.delete("/digitaltwins/hot-1").status()).isEqualTo(204);
        List<String> got = ws.take(2);
        assertThat(json(got.get(0)).path("type").asText()).isEqualTo("io.doppel.twin.created");
        assertThat(json(got.get(0)).path("subject").asText()).isEqualTo("hot-1");
        // A deleted twin has no state left; its id and model still answer the condition.
        assertThat(json(got.get(1)).path("type").asText()).isEqualTo("io.doppel.twin.deleted");

        ws.send("{\"type\":\"subscribe\",\"filter\":{\"where\":\"temperature >> 25\"}}");
        JsonNode frame = json(ws.take(1).get(0));
        assertThat(frame.path("type").asText()).isEqualTo("error");
        JsonNode error = frame.path("error");
        assertThat(error.path("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.path("message").asText()).startsWith("where: line 1, column 14: expected a value");
        assertThat(error.path("details").get(0).path("target").asText()).isEqualTo("where");
        assertThat(error.path("details").get(1).path("code").asText()).isEqualTo("syntaxError");
        assertThat(error.path("details").get(1).path("target").asText()).isEqualTo("1:14");
        WsClient.Closed closed = ws.awaitClose();
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).startsWith("INVALID_ARGUMENT: where: line 1, column 14");
      }
    });
  }

  @Test
  void badConditionsAre400WithTheirPositionBeforeAnyStreamStarts() throws Exception {
    TestServer.test((server, http) -> {
      String[][] cases = {
          {"temperature >", "syntaxError", "1:14"},
          {"  temperature > 25 AND NOSUCH(x)", "unknownFunction", "1:24"},
          {"IS_OF_MODEL('room')", "invalidModelId", "1:13"},
          {"COUNT() > 1", "aggregateNotAllowed", "1:1"}};
      for (String[] c : cases) {
        try (SseClient sse = SseClient.open(server.baseUri(), "/events?twin=r1&" + where(c[0]))) {
          assertThat(sse.status()).as(c[0]).isEqualTo(400);
          JsonNode error = json(sse.errorBody()).path("error");
          assertThat(error.path("code").asText()).isEqualTo("INVALID_ARGUMENT");
          assertThat(error.path("details").get(0).path("target").asText()).isEqualTo("where");
          assertThat(error.path("details").get(1).path("code").asText()).as(c[0]).isEqualTo(c[1]);
          assertThat(error.path("details").get(1).path("target").asText()).as(c[0]).isEqualTo(c[2]);
        }
      }
      try (SseClient sse = SseClient.open(server.baseUri(), "/events?where=&twin=r1")) {
        assertThat(sse.status()).isEqualTo(400);
        assertThat(json(sse.errorBody()).path("error").path("message").asText()).isEqualTo("where: must not be empty");
      }
      try (SseClient sse = SseClient.open(server.baseUri(), "/events?where=a%3D1&where=b%3D2")) {
        assertThat(sse.status()).isEqualTo(400);
      }
      assertThatThrownBy(() -> WsClient.connect(server.baseUri(), "/events?" + where("temperature >")))
          .isInstanceOf(CompletionException.class)
          .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
              e -> assertThat(e.getResponse().statusCode()).isEqualTo(400));
    });
  }
}
