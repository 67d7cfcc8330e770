package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code doppel.jar serve} as a real process, streams acknowledged writes from several threads, kills the
 * process with SIGKILL mid-stream, restarts it on the same data directory and checks nothing acknowledged is lost.
 */
class KillNineIT {
  private static final int CYCLES = 3;
  private static final int WRITERS = 4;
  private static final String MODEL = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:crash:Counter;1","@type":"Interface",
        "contents":[{"@type":"Property","name":"counter","schema":"long"},
                    {"@type":"Property","name":"writer","schema":"string"}]}]
      """;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** Twin id to the highest counter value the server acknowledged for it. */
  private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong writesThisCycle = new java.util.concurrent.atomic.AtomicLong();
  private final List<String> refused = java.util.Collections.synchronizedList(new ArrayList<>());

  @Test
  void everyAcknowledgedWriteSurvivesKillNine(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    for (int cycle = 0; cycle < CYCLES; cycle++) {
      int port = ServerProcess.freePort();
      Process process = ServerProcess.start(data, port, tmp.resolve("server-" + cycle + ".log"));
      try {
        ServerProcess.awaitHealthy(http, process, port, tmp.resolve("server-" + cycle + ".log"));
        if (cycle == 0) {
          assertThat(ServerProcess.send(http, port, "POST", "/models", MODEL).statusCode()).isEqualTo(201);
        }
        verifyAcknowledged(port);
        int before = acknowledged.size();
        streamThenKill(process, port, cycle);
        assertThat(acknowledged.size()).as("writes acknowledged in cycle " + cycle).isGreaterThan(before);
        // The figures land in failsafe's report (the CLI module may print).
        System.out.printf("cycle %d: %d twins acknowledged so far, %d acknowledged writes this cycle%n",
            cycle, acknowledged.size(), writesThisCycle.getAndSet(0));
      } finally {
        process.destroyForcibly();
        process.waitFor();
      }
    }
    int port = ServerProcess.freePort();
    Process last = ServerProcess.start(data, port, tmp.resolve("server-final.log"));
    try {
      ServerProcess.awaitHealthy(http, last, port, tmp.resolve("server-final.log"));
      verifyAcknowledged(port);
      JsonNode health = json(ServerProcess.send(http, port, "GET", "/health", null).body());
      assertThat(health.path("twinCount").asLong()).isGreaterThanOrEqualTo(acknowledged.size());
    } finally {
      last.destroy();
      last.waitFor();
    }
  }

  /** Writers create and patch their own twins; the process is killed while they are still writing. */
  private void streamThenKill(Process process, int port, int cycle) throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      String writer = "c" + cycle + "w" + w;
      writers.add(Thread.ofPlatform().start(() -> write(port, writer, running)));
    }
    Thread.sleep(2500);
    process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush, no close
    process.waitFor();
    running.set(false);
    for (Thread t : writers) {
      t.join(10_000);
    }
    assertThat(refused).as("a live server refused a valid write").isEmpty();
  }

  private void write(int port, String writer, AtomicBoolean running) {
    long counter = 0;
    int twin = 0;
    while (running.get()) {
      String id = writer + "-" + (twin % 20);
      try {
        HttpResponse<String> response;
        if (!acknowledged.containsKey(id)) {
          response = ServerProcess.send(http, port, "PUT", "/digitaltwins/" + id,
              "{\"$metadata\":{\"$model\":\"dtmi:crash:Counter;1\"},\"counter\":" + counter + ",\"writer\":\""
                  + writer + "\"}");
        } else {
          response = ServerProcess.send(http, port, "PATCH", "/digitaltwins/" + id,
              "[{\"op\":\"replace\",\"path\":\"/counter\",\"value\":" + counter + "}]");
        }
        if (response.statusCode() / 100 == 2) {
          acknowledged.put(id, counter);
          writesThisCycle.incrementAndGet();
        } else {
          refused.add(id + ": " + response.statusCode() + " " + response.body());
          return;
        }
      } catch (IOException e) {
        return; // the server died mid-request: that write was never acknowledged
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      counter++;
      twin++;
    }
  }

  private void verifyAcknowledged(int port) throws Exception {
    for (Map.Entry<String, Long> entry : acknowledged.entrySet()) {
      HttpResponse<String> response = ServerProcess.send(http, port, "GET", "/digitaltwins/" + entry.getKey(), null);
      assertThat(response.statusCode()).as("acknowledged twin " + entry.getKey()).isEqualTo(200);
      // Each twin has one writer writing increasing values, so the stored value is the acknowledged one or later.
      assertThat(json(response.body()).path("counter").asLong()).as(entry.getKey())
          .isGreaterThanOrEqualTo(entry.getValue());
    }
  }

  private static JsonNode json(String text) throws IOException {
    return ApiClient.MAPPER.readTree(text);
  }
}
