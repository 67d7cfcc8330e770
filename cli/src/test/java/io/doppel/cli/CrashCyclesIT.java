package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash harness: {@code doppel.jar serve} as a real process on one data directory, killed with SIGKILL at a
 * seeded random moment during mixed writes (twins, relationships, HTTP ingest, MQTT QoS 1, stored definitions) and a
 * scenario run, restarted, and checked each cycle: it opens clean and healthy, the audit chain is intact and every
 * write acknowledged before the kill is there. {@code -Ddoppel.crash.cycles} (5 here, 200 with {@code -Pcrash}),
 * {@code -Ddoppel.crash.seed} repeats a run's kill moments.
 */
class CrashCyclesIT {
  /** What a store that needed repair, or a failure while opening, would leave in the server's log. */
  private static final Pattern UNCLEAN = Pattern.compile("(?i)\\bERROR\\b|corrupt|repair|exception");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
  private Path report = Path.of("target", "crash-cycles.txt");

  @Test
  void everyAcknowledgedWriteSurvivesEveryKill(@TempDir Path tmp) throws Exception {
    int cycles = Integer.getInteger("doppel.crash.cycles", 5);
    long seed = Long.getLong("doppel.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    report = Path.of(System.getProperty("doppel.crash.report", "target/crash-cycles.txt"));
    Files.deleteIfExists(report);
    report("crash harness: %d cycles, seed %d (-Ddoppel.crash.seed=%d repeats the kill moments)", cycles, seed, seed);
    Path data = tmp.resolve("data");
    CrashLedger all = new CrashLedger();
    CrashLedger previous = new CrashLedger();
    AtomicLong sequence = new AtomicLong();
    List<Long> restartMillis = new ArrayList<>();
    int catchUps = 0;
    for (int cycle = 0; cycle <= cycles; cycle++) {
      int port = ServerProcess.freePort();
      int mqttPort = ServerProcess.freePort();
      Path log = tmp.resolve("server-" + cycle + ".log");
      long started = System.nanoTime();
      Process process = ServerProcess.start(data, port, log, List.of("--mqtt-port", Integer.toString(mqttPort)));
      try {
        // generous: on a machine shared with other builds a JVM start alone has taken over a minute
        ServerProcess.awaitHealthy(http, process, port, log, Duration.ofSeconds(Long.getLong("doppel.crash.startTimeout",
            300)));
        long restart = (System.nanoTime() - started) / 1_000_000;
        checkOpenedClean(port, log);
        catchUps += Files.readString(log).contains("history is behind the engine") ? 1 : 0;
        if (cycle == 0) {
          CrashWorkload.setUp(http, port);
        } else {
          restartMillis.add(restart);
          previous.verify(http, port); // what the last kill could have lost
        }
        if (cycle == cycles) {
          all.verify(http, port); // and everything since the start, once more
          break;
        }
        long killAfter = 500 + random.nextInt(2500);
        CrashLedger ledger = new CrashLedger();
        CrashWorkload workload = new CrashWorkload(http, port, mqttPort, cycle, ledger, sequence, refusals);
        List<Thread> writers = workload.start();
        awaitEveryKind(ledger); // the kill must find writes of every kind under way, however slow the machine
        Thread.sleep(killAfter);
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush, no close
        process.waitFor();
        workload.stop(writers);
        assertThat(refusals).as("writes a live server refused in cycle %d", cycle).isEmpty();
        report("cycle %d: killed %d ms after every kind of write was under way, restart took %d ms; acknowledged %s",
            cycle, killAfter, restart,
            ledger.figures());
        all.absorb(ledger);
        previous = ledger;
      } finally {
        process.destroyForcibly();
        process.waitFor();
      }
    }
    Collections.sort(restartMillis);
    assertThat(all.twinWrites.get()).as("twin writes").isPositive();
    assertThat(all.httpTelemetry).as("HTTP telemetry").isNotEmpty();
    assertThat(all.documents).as("documents").isNotEmpty();
    assertThat(all.mqttTelemetry).as("MQTT telemetry").isNotEmpty();
    assertThat(all.relationships).as("relationships").isNotEmpty();
    report("crash summary: %d cycles (seed %d), %d acknowledged writes (%s), lost 0; restart p50 %d ms, "
        + "max %d ms; history catch-up after %d restarts", cycles, seed, all.total(), all.figures(),
        restartMillis.get(restartMillis.size() / 2), restartMillis.get(restartMillis.size() - 1), catchUps);
  }

  /** Until twins, relationships, HTTP and MQTT telemetry and documents have each been acknowledged once (30 s at most). */
  private static void awaitEveryKind(CrashLedger ledger) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline && (ledger.twinWrites.get() == 0 || ledger.relationships.isEmpty()
        || ledger.httpTelemetry.isEmpty() || ledger.mqttTelemetry.isEmpty() || ledger.documents.isEmpty())) {
      Thread.sleep(20);
    }
  }

  /** A figure line, to the test's output and appended to the report file as it happens (a long run may be cut). */
  private void report(String format, Object... args) throws java.io.IOException {
    String line = String.format(Locale.ROOT, format, args);
    System.out.println(line);
    Files.writeString(report, line + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  /** Ready, the audit chain intact, and nothing in the log that says the store needed repair. */
  private void checkOpenedClean(int port, Path log) throws Exception {
    JsonNode health = CrashLedger.json(ServerProcess.send(http, port, "GET", "/health", null).body());
    assertThat(health.path("status").asText()).as("health: %s", health).isEqualTo("ready");
    JsonNode audit = CrashLedger.json(ServerProcess.send(http, port, "GET", "/audit/verify", null).body());
    assertThat(audit.path("intact").asBoolean()).as("audit chain: %s", audit).isTrue();
    List<String> unclean = Files.readAllLines(log).stream()
        .filter(line -> !line.startsWith("WARNING:")) // the JDK's own notes on Netty's use of Unsafe
        .filter(line -> UNCLEAN.matcher(line).find()).toList();
    assertThat(unclean).as("server log on opening %s", log.getFileName().toString().toLowerCase(Locale.ROOT))
        .isEmpty();
  }
}
