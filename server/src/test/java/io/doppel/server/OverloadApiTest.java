package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.doppel.history.HistoryOptions;
import io.doppel.ingest.IngestOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load shedding through the whole server, on RocksDB: a deliberately tiny write budget and a slowed durable apply
 * (the engine's commit delay), many concurrent writers. Some are refused with 429 and Retry-After and nothing of
 * theirs is kept; every acknowledged write is there, also after a restart; reads, health and metrics answer while
 * writes are shed; once the flood stops, writes go through again.
 */
class OverloadApiTest {
  static final int LIMIT = 8;
  static final String TWIN = "{\"$metadata\":{\"$model\":\"dtmi:test:Sensor;1\"},\"count\":%d}";

  static DoppelServer start(Path dir, Duration commitDelay) {
    return DoppelServer.start(ServerConfig.ephemeral().withDataDir(dir), HistoryOptions.defaults(),
        IngestOptions.defaults(), new AdmissionOptions(LIMIT, commitDelay));
  }

  /** A value of {@code /metrics} (the first sample of that name). */
  static double metric(Http http, String name) {
    for (String line : http.get("/metrics").text().split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no metric " + name);
  }

  @Test
  void aFloodIsShedWithRetryAfterEveryAcknowledgedWriteIsKeptAndWritesResumeAfterIt(@TempDir Path dir)
      throws Exception {
    int writers = 32;
    int perWriter = 15;
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> shed = ConcurrentHashMap.newKeySet();
    List<String> unexpected = new ArrayList<>();
    AtomicInteger readsDuringFlood = new AtomicInteger();
    try (DoppelServer server = start(dir, Duration.ofMillis(20))) {
      Http http = new Http(server.baseUri());
      IngestFixtures.sensors(http, "reader");
      AtomicBoolean flooding = new AtomicBoolean(true);
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<?> reader = pool.submit(() -> {
          while (flooding.get()) {
            for (String path : List.of("/health", "/digitaltwins/reader", "/metrics")) {
              Http.Response read = http.get(path);
              if (read.status() != 200) {
                synchronized (unexpected) {
                  unexpected.add("GET " + path + " -> " + read.status() + " " + read.text());
                }
              }
              readsDuringFlood.incrementAndGet();
            }
          }
          return null;
        });
        List<Future<?>> flood = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          int writer = w;
          flood.add(pool.submit(() -> {
            for (int i = 0; i < perWriter; i++) {
              String id = "w" + writer + "-" + i;
              Http.Response put = http.put("/digitaltwins/" + id, TWIN.formatted(i));
              if (put.status() == 200) {
                acknowledged.add(id);
              } else if (put.status() == 429 && put.errorCode().equals("OVERLOADED")
                  && retryAfter(put) >= 1 && retryAfter(put) <= 30) {
                shed.add(id);
              } else {
                synchronized (unexpected) {
                  unexpected.add("PUT " + id + " -> " + put.status() + " " + put.headers().map() + " " + put.text());
                }
              }
            }
            return null;
          }));
        }
        for (Future<?> f : flood) {
          f.get();
        }
        flooding.set(false);
        reader.get();
      }
      assertThat(unexpected).isEmpty();
      assertThat(shed).as("some writes were shed").isNotEmpty();
      assertThat(acknowledged).as("and some accepted").isNotEmpty();
      assertThat(acknowledged.size() + shed.size()).isEqualTo(writers * perWriter);
      assertThat(readsDuringFlood.get()).isPositive();
      assertThat(metric(http, "doppel_writes_shed_total")).isEqualTo(shed.size());
      await().atMost(Duration.ofSeconds(30)).until(() -> metric(http, "doppel_writes_pending") == 0);
      for (String id : shed) {
        assertThat(http.get("/digitaltwins/" + id).status()).as("a refused write did nothing: " + id).isEqualTo(404);
      }
      Http.Response after = http.put("/digitaltwins/after-the-flood", TWIN.formatted(1));
      assertThat(after.status()).as(after.text()).isEqualTo(200);
    }
    try (DoppelServer reopened = start(dir, Duration.ZERO)) {
      Http http = new Http(reopened.baseUri());
      for (String id : acknowledged) {
        Http.Response twin = http.get("/digitaltwins/" + id);
        assertThat(twin.status()).as("acknowledged before the restart: " + id).isEqualTo(200);
      }
      assertThat(http.get("/digitaltwins/after-the-flood").status()).isEqualTo(200);
    }
  }

  /**
   * With the writer held up for seconds after a commit (a disk that has stopped answering), the writes already
   * admitted wait for it; further writes are refused at once, and reads, queries, health and metrics are answered
   * while those admitted writes are still not durable — they do not queue behind the writes.
   */
  @Test
  void readsAreAnsweredWhileAdmittedWritesWaitForAStalledDisk(@TempDir Path dir) throws Exception {
    try (DoppelServer server = start(dir, Duration.ZERO)) {
      IngestFixtures.sensors(new Http(server.baseUri()), "reader");
    }
    try (DoppelServer server = start(dir, Duration.ofSeconds(10))) {
      Http http = new Http(server.baseUri());
      // its commit starts the writer's 10 s pause: the writes after it wait for that
      assertThat(http.put("/digitaltwins/primer", TWIN.formatted(0)).status()).isEqualTo(200);
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<Http.Response>> held = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
          String id = "held-" + i;
          held.add(pool.submit(() -> http.put("/digitaltwins/" + id, TWIN.formatted(1))));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> metric(http, "doppel_writes_pending") == LIMIT);
        Http.Response refused = http.patch("/digitaltwins/reader", "[{\"op\":\"add\",\"path\":\"/count\",\"value\":2}]");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("OVERLOADED");
        assertThat(retryAfter(refused)).isBetween(1, 30);
        Http.Response ingest = http.post("/ingest?topic=twins/reader/telemetry", "{\"temperature\":1}");
        assertThat(ingest.status()).isEqualTo(429);
        refusedTwiceOnOneConnection(server);
        for (int i = 0; i < 20; i++) {
          assertThat(http.get("/health").status()).isEqualTo(200);
          assertThat(http.get("/digitaltwins/reader").status()).isEqualTo(200);
          assertThat(http.post("/query", "{\"query\":\"SELECT * FROM digitaltwins\"}").status()).isEqualTo(200);
        }
        assertThat(metric(http, "doppel_writes_saturated")).isEqualTo(1);
        assertThat(held).as("every read answered while the admitted writes still wait").noneMatch(Future::isDone);
        assertThat(metric(http, "doppel_writes_pending")).isEqualTo(LIMIT);
        for (Future<Http.Response> write : held) {
          assertThat(write.get().status()).as("admitted, so made durable once the disk answers").isEqualTo(200);
        }
      }
    }
  }

  /**
   * A client retrying on its connection reads each 429 there: the refusal drains the body, so the server keeps the
   * connection open (a client that must reconnect after each 429 costs the server a handshake per refusal).
   */
  static void refusedTwiceOnOneConnection(DoppelServer server) throws java.io.IOException {
    String body = "[{\"op\":\"add\",\"path\":\"/count\",\"value\":3}]";
    String request = "PATCH /digitaltwins/reader HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/json-patch+json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    try (java.net.Socket socket = new java.net.Socket(server.baseUri().getHost(), server.port())) {
      socket.setSoTimeout(10_000);
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.ISO_8859_1));
      for (int attempt = 0; attempt < 2; attempt++) {
        socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(in.readLine()).as("attempt %d", attempt).startsWith("HTTP/1.1 429");
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        for (String line; !(line = in.readLine()).isEmpty(); ) {
          int colon = line.indexOf(':');
          headers.put(line.substring(0, colon).toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
        }
        assertThat(headers).containsKey("retry-after").doesNotContainEntry("connection", "close");
        char[] answer = new char[Integer.parseInt(headers.get("content-length"))];
        for (int read = 0; read < answer.length; ) {
          read += in.read(answer, read, answer.length - read);
        }
        assertThat(new String(answer)).contains("\"OVERLOADED\"");
      }
    }
  }

  static int retryAfter(Http.Response response) {
    return Integer.parseInt(response.headers().firstValue("Retry-After").orElse("-1"));
  }
}
