package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doppel.jar serve} with an event route to a webhook that is down, patched from two threads and killed with
 * SIGKILL mid-stream; the webhook then comes up, the server restarts on the same data directory, and every
 * acknowledged patch reaches the webhook, in order per twin.
 */
class RoutesKillNineIT {
  private static final String MODEL = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:crash:Counter;1","@type":"Interface",
        "contents":[{"@type":"Property","name":"counter","schema":"long","writable":true}]}]
      """;

  /** The server is killed once more patches than this are acknowledged, with the writers still going. */
  private static final int KILL_AFTER_ACKNOWLEDGED = 20;
  /** How long the writers may take to get there: generous, for a loaded machine. */
  private static final Duration ACKNOWLEDGE_TIMEOUT = Duration.ofMinutes(2);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** Twin id to every counter value the server acknowledged for it. */
  private final Map<String, List<Long>> acknowledged = new ConcurrentHashMap<>();
  /** Twin id to the counter values the webhook received, in arrival order. */
  private final Map<String, List<Long>> received = new ConcurrentHashMap<>();

  @Test
  void everyAcknowledgedChangeIsDeliveredAfterKillNine(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    int hookPort = ServerProcess.freePort();
    int port = ServerProcess.freePort();
    Process process = ServerProcess.start(data, port, tmp.resolve("server-1.log"));
    try {
      ServerProcess.awaitHealthy(http, process, port, tmp.resolve("server-1.log"));
      assertThat(ServerProcess.send(http, port, "POST", "/models", MODEL).statusCode()).isEqualTo(201);
      String route = """
          {"endpoint":{"type":"webhook","url":"http://127.0.0.1:%d/hook"},
           "filter":{"type":"io.doppel.twin.patched"},
           "options":{"backoffBase":"PT0.05S","backoffMax":"PT0.2S"}}""".formatted(hookPort);
      assertThat(ServerProcess.send(http, port, "PUT", "/eventroutes/crash", route).statusCode()).isEqualTo(201);
      for (String id : List.of("a", "b")) {
        assertThat(ServerProcess.send(http, port, "PUT", "/digitaltwins/" + id,
            "{\"$metadata\":{\"$model\":\"dtmi:crash:Counter;1\"},\"counter\":0}").statusCode()).isEqualTo(200);
      }
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> writers = new ArrayList<>();
      for (String id : List.of("a", "b")) {
        writers.add(Thread.ofPlatform().start(() -> patch(port, id, running)));
      }
      // a count of writes rather than a time: a loaded machine acknowledges fewer in any given time
      await("more than " + KILL_AFTER_ACKNOWLEDGED + " acknowledged patches").atMost(ACKNOWLEDGE_TIMEOUT)
          .pollInterval(Duration.ofMillis(10))
          .failFast("every writer stopped", () -> writers.stream().noneMatch(Thread::isAlive))
          .until(() -> acknowledgedCount() > KILL_AFTER_ACKNOWLEDGED);
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no close
      process.waitFor();
      running.set(false);
      for (Thread t : writers) {
        t.join(10_000);
      }
    } finally {
      process.destroyForcibly();
      process.waitFor();
    }
    int total = acknowledgedCount();
    assertThat(total).as("acknowledged patches").isGreaterThan(KILL_AFTER_ACKNOWLEDGED);

    HttpServer hook = webhook(hookPort);
    int port2 = ServerProcess.freePort();
    Process again = ServerProcess.start(data, port2, tmp.resolve("server-2.log"));
    try {
      ServerProcess.awaitHealthy(http, again, port2, tmp.resolve("server-2.log"));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline && !allReceived()) {
        Thread.sleep(100);
      }
      for (Map.Entry<String, List<Long>> e : acknowledged.entrySet()) {
        List<Long> got = received.getOrDefault(e.getKey(), List.of());
        assertThat(got).as("twin " + e.getKey()).containsAll(e.getValue());
        assertThat(got).as("twin " + e.getKey() + " in order").isSorted();
      }
      JsonNode status = ApiClient.MAPPER.readTree(ServerProcess.send(http, port2, "GET", "/eventroutes/crash", null).body())
          .path("status");
      System.out.printf("%d acknowledged patches, %d delivered after the restart, status %s%n", total,
          received.values().stream().mapToInt(List::size).sum(), status);
    } finally {
      again.destroy();
      again.waitFor();
      hook.stop(0);
    }
  }

  private int acknowledgedCount() {
    return acknowledged.values().stream().mapToInt(List::size).sum();
  }

  private boolean allReceived() {
    return acknowledged.entrySet().stream()
        .allMatch(e -> received.getOrDefault(e.getKey(), List.of()).containsAll(e.getValue()));
  }

  private void patch(int port, String id, AtomicBoolean running) {
    for (long counter = 1; running.get(); counter++) {
      try {
        HttpResponse<String> response = ServerProcess.send(http, port, "PATCH", "/digitaltwins/" + id,
            "[{\"op\":\"replace\",\"path\":\"/counter\",\"value\":" + counter + "}]");
        if (response.statusCode() / 100 != 2) {
          return;
        }
        acknowledged.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(counter);
      } catch (IOException e) {
        return; // the server died mid-request: that write was never acknowledged
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private HttpServer webhook(int port) throws IOException {
    HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10);
    hook.createContext("/hook", exchange -> {
      JsonNode event = ApiClient.MAPPER.readTree(new String(exchange.getRequestBody().readAllBytes(),
          StandardCharsets.UTF_8));
      received.computeIfAbsent(event.path("subject").asText(), k -> new CopyOnWriteArrayList<>())
          .add(event.path("data").path("patch").get(0).path("value").asLong());
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    hook.start();
    return hook;
  }
}
