package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code doppel generate} against a real demo server. */
class GenerateCommandTest {
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void feedsTheDemoTwinsAndInjectsAnIncident() {
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDemo(true))) {
      Run generated = run("generate", "--url", server.baseUri().toString(), "--duration", "PT3S",
          "--report-every", "PT1S", "--backfill", "PT10M", "--incident", "latency-spike:payment:PT1M", "--rules");
      assertThat(generated.exit()).as(generated.err()).isZero();
      assertThat(generated.out()).contains("Generating software-platform, factory, building")
          .contains("incident: latency-spike on payment").contains("failed 0");
      assertThat(generated.err()).contains("backfill [").contains("100% 10/10");
      assertThat(server.engine().getTwin("payment").json().path("status").asText()).isEqualTo("degraded");
      assertThat(generated.out()).contains("Defined the demo's rules: service-errors, machine-running-hot, "
          + "floor-average-temperature, room-stale-air");
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
          server.engine().getTwin("floor-1").json().path("averageTemperature").isNumber());
      server.history().caughtUp().join();
      Instant now = Instant.now();
      assertThat(server.history().range("room-101", "temperature", now.minus(Duration.ofMinutes(11)), now, 100)
          .points()).hasSizeGreaterThanOrEqualTo(10);
    }
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingIsSent() {
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDemo(true))) {
      String url = server.baseUri().toString();
      Run badPack = run("generate", "--url", url, "--packs", "spaceship");
      assertThat(badPack.exit()).isEqualTo(CliFailure.BAD_INPUT);
      assertThat(badPack.err()).contains("unknown pack 'spaceship'");
      Run badIncident = run("generate", "--url", url, "--incident", "latency-spike:nobody", "--duration", "PT1S");
      assertThat(badIncident.exit()).isEqualTo(CliFailure.BAD_INPUT);
      assertThat(badIncident.err()).contains("no twin 'nobody'");
      Run badMqtt = run("generate", "--url", url, "--mqtt", "localhost");
      assertThat(badMqtt.exit()).isEqualTo(CliFailure.BAD_INPUT);
    }
    Run down = run("generate", "--url", "http://127.0.0.1:1", "--duration", "PT1S");
    assertThat(down.exit()).isNotZero();
  }
}
