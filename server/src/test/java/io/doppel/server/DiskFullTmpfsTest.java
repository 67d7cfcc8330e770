package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.doppel.history.HistoryOptions;
import io.doppel.ingest.IngestOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: the data directory on a 512 MiB tmpfs, filled but for a few MiB by a file of the test's own,
 * then written to (with no reserve, so that RocksDB itself meets ENOSPC) until the server refuses. Every refusal
 * must be 507 {@code INSUFFICIENT_STORAGE}, never a 500; reads keep working; once the filler is deleted twin writes,
 * telemetry and audit entries are taken again on the same server (the history's and the audit log's databases,
 * stopped by RocksDB's background error, are reopened), and after a restart every acknowledged write is there.
 *
 * <p>Mounting needs root (CI runs as root). Where the environment cannot mount, {@code -Ddoppel.test.noMount=true}
 * skips this test (reported as skipped); without it, a failed mount fails the test saying so.
 */
class DiskFullTmpfsTest {
  private static final String MODEL = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:disk:Note;1","@type":"Interface",
        "contents":[{"@type":"Property","name":"n","schema":"long"},
                    {"@type":"Property","name":"text","schema":"string"},
                    {"@type":"Telemetry","name":"power","schema":"double"}]}]""";
  private static final String TEXT = "x".repeat(4000);
  private static final Instant EPOCH = Instant.parse("2026-06-01T00:00:00Z");

  @Test
  void aFullDiskRefusesWritesWith507AndTheyResumeWhenSpaceReturns(@TempDir Path tmp) throws Exception {
    Path mount = tmp.resolve("tmpfs");
    Files.createDirectories(mount);
    mountTmpfs(mount);
    try {
      Path data = mount.resolve("data");
      Map<String, Long> twins = new LinkedHashMap<>();
      List<Instant> telemetry = new ArrayList<>();
      Instant epoch = EPOCH;
      try (DoppelServer server = start(data)) {
        Http http = new Http(server.baseUri());
        assertThat(http.post("/models", MODEL).status()).isEqualTo(201);
        Path filler = mount.resolve("filler");
        fill(filler, Files.getFileStore(mount).getUsableSpace() - (3L << 20));

        // A full disk refuses, then RocksDB's own recovery (a flush that retires a preallocated log) may free a little
        // and let a few writes through: so count refusals, not refusals in a row.
        List<String> refusals = new ArrayList<>();
        for (long i = 0; i < 200_000 && refusals.size() < 30; i++) {
          Http.Response r = i % 4 == 3
              ? http.post("/digitaltwins/" + twins.keySet().iterator().next() + "/telemetry", "{\"power\":" + i + "}",
                  "Telemetry-Source-Time", epoch.plusSeconds(i).toString())
              : http.put("/digitaltwins/n-" + i, note(i));
          if (r.status() / 100 == 2) {
            if (i % 4 == 3) {
              telemetry.add(epoch.plusSeconds(i));
            } else {
              twins.put("n-" + i, i);
            }
            continue;
          }
          assertThat(r.status()).as("a write on a full disk: %s", r.text()).isEqualTo(507);
          assertThat(r.errorCode()).isEqualTo("INSUFFICIENT_STORAGE");
          refusals.add(r.json().path("error").path("message").asText());
        }
        assertThat(refusals).as("the disk filled up and the server refused").hasSize(30);
        assertThat(refusals.getFirst()).contains("no space left on the data directory's disk");
        assertThat(twins).hasSizeGreaterThan(10);
        assertThat(telemetry).isNotEmpty();

        String first = twins.keySet().iterator().next();
        assertThat(http.get("/digitaltwins/" + first).status()).as("reads on a full disk").isEqualTo(200);
        assertThat(http.post("/query", "{\"query\":\"SELECT * FROM digitaltwins\"}").status()).isEqualTo(200);

        Files.delete(filler);
        // RocksDB may resume a database once its file manager sees more free space than a write buffer (64 MiB for the
        // twin store), so the filler must be larger than that; the server's six databases take ~150 MiB of the tmpfs
        // (their write-ahead logs are preallocated): hence 512 MiB.
        long[] next = {1_000_000};
        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(250)).until(() -> {
          long i = next[0]++;
          Http.Response r = http.put("/digitaltwins/n-" + i, note(i));
          assertThat(r.status()).as(r.text()).isIn(200, 507);
          if (r.status() == 200) {
            twins.put("n-" + i, i);
          }
          return r.status() == 200;
        });
        for (long i = 2_000_000; i < 2_000_020; i++) {
          Http.Response r = http.put("/digitaltwins/n-" + i, note(i));
          assertThat(r.status()).as("after space returned: %s", r.text()).isEqualTo(200);
          twins.put("n-" + i, i);
        }
        // The history stopped on the full disk: its first write after a second with room reopens it.
        long[] at = {3_000_000};
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(250)).until(() -> {
          Instant t = epoch.plusSeconds(at[0]++);
          Http.Response r = postPower(http, first, t);
          assertThat(r.status()).as(r.text()).isIn(204, 507);
          if (r.status() == 204) {
            telemetry.add(t);
          }
          return r.status() == 204;
        });
        for (int k = 0; k < 20; k++) {
          Instant t = epoch.plusSeconds(at[0]++);
          Http.Response r = postPower(http, first, t);
          assertThat(r.status()).as("telemetry after space returned: %s", r.text()).isEqualTo(204);
          telemetry.add(t);
        }
        assertThat(points(http, first)).as("acknowledged telemetry, on the same server").containsAll(telemetry);
        long audited = server.audit().verify().entries();
        assertThat(http.put("/digitaltwins/audited", note(-1)).status()).isEqualTo(200);
        twins.put("audited", -1L);
        await().atMost(30, TimeUnit.SECONDS).until(() -> server.audit().verify().entries() > audited);
      }
      try (DoppelServer again = start(data)) {
        Http http = new Http(again.baseUri());
        for (Map.Entry<String, Long> e : twins.entrySet()) {
          Http.Response r = http.get("/digitaltwins/" + e.getKey());
          assertThat(r.status()).as("acknowledged twin %s after the restart", e.getKey()).isEqualTo(200);
          assertThat(r.json().path("n").asLong()).isEqualTo(e.getValue());
        }
        String first = twins.keySet().iterator().next();
        Http.Response t = postPower(http, first, epoch.minusSeconds(1));
        assertThat(t.status()).as("telemetry after the restart: %s", t.text()).isEqualTo(204);
        telemetry.add(epoch.minusSeconds(1));
        assertThat(points(http, first)).as("acknowledged telemetry after the restart").containsAll(telemetry);
        assertThat(again.audit().verify().intact()).isTrue();
      }
    } finally {
      run("umount", mount.toString());
    }
  }

  private static Http.Response postPower(Http http, String twin, Instant at) {
    return http.post("/digitaltwins/" + twin + "/telemetry", "{\"power\":" + at.getEpochSecond() + "}",
        "Telemetry-Source-Time", at.toString());
  }

  private static List<Instant> points(Http http, String twin) {
    Http.Response history = http.get("/digitaltwins/" + twin + "/history?name=power&from="
        + EPOCH.minusSeconds(10) + "&to=" + EPOCH.plusSeconds(10_000_000) + "&maxPoints=100000");
    List<Instant> stored = new ArrayList<>();
    history.json().path("points").forEach(p -> stored.add(Instant.parse(p.path("t").asText())));
    return stored;
  }

  /** No reserve: the point is RocksDB meeting the full disk itself. */
  private static DoppelServer start(Path data) {
    return DoppelServer.start(ServerConfig.ephemeral().withDataDir(data), HistoryOptions.defaults(),
        IngestOptions.defaults(), DiskReserve.NONE);
  }

  private static String note(long n) {
    return "{\"$metadata\":{\"$model\":\"dtmi:disk:Note;1\"},\"n\":" + n + ",\"text\":\"" + TEXT + "\"}";
  }

  private static void fill(Path file, long bytes) throws IOException {
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = bytes; left > 0; left -= block.length) {
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
  }

  private static void mountTmpfs(Path mount) throws Exception {
    boolean cannot = Boolean.getBoolean("doppel.test.noMount");
    Assumptions.assumeFalse(cannot, "doppel.test.noMount: this environment cannot mount a tmpfs");
    String failure = run("mount", "-t", "tmpfs", "-o", "size=512m", "tmpfs", mount.toString());
    if (failure != null) {
      throw new AssertionError("cannot mount a 512 MiB tmpfs at " + mount + " (" + failure + "): this test needs "
          + "root, as CI has; where mounting is impossible run with -Ddoppel.test.noMount=true to skip it");
    }
  }

  /** Runs a command; null when it succeeded, else its exit code and output. */
  private static String run(String... command) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return e.getMessage();
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return p.waitFor() == 0 ? null : "exit " + p.exitValue() + ": " + output;
  }
}
