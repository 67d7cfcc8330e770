package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /eventroutes} over real HTTP, delivering to a real webhook, and across a restart on a real RocksDB. */
class EventRoutesApiTest {
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private HttpServer hook;

  @AfterEach
  void stopHook() {
    if (hook != null) {
      hook.stop(0);
    }
  }

  private int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /** A webhook that takes every POST (204) and keeps its CloudEvent. */
  private void startHook(int port) throws IOException {
    hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10);
    hook.createContext("/hook", exchange -> {
      received.add(Http.MAPPER.readTree(new String(exchange.getRequestBody().readAllBytes(),
          StandardCharsets.UTF_8)));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    hook.start();
  }

  private static String route(int port) {
    return """
        {"endpoint": {"type": "webhook", "url": "http://127.0.0.1:%d/hook", "secret": "s3cret"},
         "filter": {"twin": "room-1", "type": "io.doppel.twin.patched"},
         "options": {"backoffBase": "PT0.01S", "backoffMax": "PT0.05S", "failingAfter": 2}}""".formatted(port);
  }

  private static void patch(Http http, double value) {
    assertThat(http.patch("/digitaltwins/room-1",
        "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":" + value + "}]").status()).isEqualTo(204);
  }

  @Test
  void routesAreManagedOverTheApiAndDeliverToTheirWebhook() throws Exception {
    int port = freePort();
    startHook(port);
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "room-1", 20);
      Fixtures.createRoom(http, "room-2", 20);
      Http.Response created = http.put("/eventroutes/to-hook", route(port));
      assertThat(created.status()).isEqualTo(201);
      assertThat(created.json().path("endpoint").path("secret").asText()).isEqualTo("***");
      assertThat(http.put("/eventroutes/to-hook", route(port)).status()).isEqualTo(200);

      patch(http, 21);
      await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);
      assertThat(received.get(0).path("subject").asText()).isEqualTo("room-1");
      // The webhook has the event a moment before the route has recorded its answer.
      await().atMost(Duration.ofSeconds(20)).until(() ->
          http.get("/eventroutes/to-hook").json().path("status").path("delivered").asLong() == 1);

      assertThat(http.post("/eventroutes/to-hook:pause", "").json().path("status").path("state").asText())
          .isEqualTo("paused");
      patch(http, 22);
      JsonNode listed = http.get("/eventroutes").json().path("value");
      assertThat(listed).hasSize(1);
      assertThat(listed.get(0).path("id").asText()).isEqualTo("to-hook");
      JsonNode status = listed.get(0).path("status");
      assertThat(status.path("lag").asLong()).isEqualTo(1);
      assertThat(status.path("delivered").asLong()).isEqualTo(1);
      assertThat(http.post("/eventroutes/to-hook:resume", "").status()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2);
      await().atMost(Duration.ofSeconds(20)).until(() ->
          http.get("/eventroutes/to-hook").json().path("status").path("state").asText().equals("healthy"));
      assertThat(http.get("/metrics").text()).contains("doppel_routes_delivered_total 2.0");
      assertThat(http.get("/eventroutes/to-hook/letters").json().path("value")).isEmpty();

      assertThat(http.delete("/eventroutes/to-hook").status()).isEqualTo(204);
      Http.Response gone = http.get("/eventroutes/to-hook");
      assertThat(gone.status()).isEqualTo(404);
      assertThat(gone.errorCode()).isEqualTo("EVENT_ROUTE_NOT_FOUND");
    });
  }

  @Test
  void badRoutesAreRefusedNamingTheField() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response badUrl = http.put("/eventroutes/r", "{\"endpoint\":{\"type\":\"webhook\",\"url\":\"nope\"}}");
      assertThat(badUrl.status()).isEqualTo(400);
      assertThat(badUrl.errorCode()).isEqualTo("INVALID_ARGUMENT");
      assertThat(badUrl.targets()).contains("endpoint.url");
      Http.Response badModel = http.put("/eventroutes/r", """
          {"endpoint":{"type":"kafka","bootstrap":"h:9092","topic":"t"},"filter":{"model":"x"}}""");
      assertThat(badModel.targets()).contains("filter.model");
      Http.Response badId = http.put("/eventroutes/a%20b", "{\"endpoint\":{\"type\":\"kafka\"}}");
      assertThat(badId.status()).isEqualTo(400);
      assertThat(badId.targets()).contains("id");
      assertThat(http.post("/eventroutes/nope:pause", "").errorCode()).isEqualTo("EVENT_ROUTE_NOT_FOUND");
      assertThat(http.get("/eventroutes/nope/letters?max=0").status()).isIn(400, 404);
      assertThat(http.put("/eventroutes/r", "[1]").status()).isEqualTo(400);
    });
  }

  @Test
  void routesAndTheirUndeliveredEventsSurviveARestart(@TempDir Path dir) throws Exception {
    int port = freePort(); // nothing listens yet: the endpoint is down
    TestServer.test(c -> c.withDataDir(dir), (server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "room-1", 20);
      assertThat(http.put("/eventroutes/to-hook", route(port)).status()).isEqualTo(201);
      for (int i = 1; i <= 5; i++) {
        patch(http, i);
      }
      await().atMost(Duration.ofSeconds(20)).until(() ->
          http.get("/eventroutes/to-hook").json().path("status").path("state").asText().equals("failing"));
      JsonNode status = http.get("/eventroutes/to-hook").json().path("status");
      assertThat(status.path("lag").asLong()).isEqualTo(5);
      assertThat(status.path("lastError").asText()).contains("127.0.0.1:" + port);
      assertThat(http.get("/metrics").text()).contains("doppel_routes_failing 1.0");
    });
    startHook(port);
    TestServer.test(c -> c.withDataDir(dir), (server, http) -> {
      await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 5);
      assertThat(received).extracting(e -> e.path("data").path("patch").get(0).path("value").asDouble())
          .containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
      await().atMost(Duration.ofSeconds(20)).until(() ->
          http.get("/eventroutes/to-hook").json().path("status").path("lag").asLong() == 0);
      assertThat(http.get("/eventroutes/to-hook").json().path("endpoint").path("url").asText())
          .isEqualTo("http://127.0.0.1:" + port + "/hook");
    });
  }
}
