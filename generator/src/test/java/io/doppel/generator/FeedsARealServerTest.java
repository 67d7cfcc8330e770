package io.doppel.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The generator's updates against a real demo server over HTTP: every one of them is accepted (so every name and
 * type matches the packs' models), and a backfill shows up as history.
 */
class FeedsARealServerTest {
  @Test
  void everyUpdateIsAcceptedAndTheBackfillIsHistory() throws Exception {
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDemo(true))) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      Generator generator = new Generator(DemoGraph.all(), 5, Duration.ZERO, now.minus(Duration.ofMinutes(30)));
      AtomicLong steps = new AtomicLong();
      try (GeneratorRun run = new GeneratorRun(generator, new HttpSink(server.baseUri(), null, 32),
          Clock.systemUTC())) {
        run.backfill(now.minus(Duration.ofMinutes(30)), now, Duration.ofMinutes(1), (done, total) -> {
          steps.set(done);
          return done;
        });
        assertThat(steps.get()).isEqualTo(30);
        run.stepNow();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> run.stats().sent() + run.stats().failed() > 30L * 80);
        GeneratorRun.Stats stats = run.stats();
        assertThat(stats.failed()).as(String.valueOf(stats.lastError())).isZero();
      }
      server.history().caughtUp().join();
      var page = server.history().range("web-frontend", "requestRate", now.minus(Duration.ofHours(1)), now, 1000);
      assertThat(page.points()).hasSize(30);
      var latest = server.history().latest("machining-cnc-1");
      assertThat(latest).containsKeys("powerDraw", "motor/windingTemperature", "spindle/bearingTemperature");
      assertThat(server.engine().getTwin("machining-cnc-1-temp").json().path("lastTemperature").isNumber()).isTrue();
    }
  }
}
