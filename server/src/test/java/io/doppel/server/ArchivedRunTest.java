package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A kept run as the API shows it after a restart, including one a kill -9 left queued or running. */
class ArchivedRunTest {
  private static ObjectNode run(String status) {
    ObjectNode run = Json.MAPPER.createObjectNode().put("id", "r1").put("scenario", "peak").put("status", status)
        .put("submittedAt", "2026-12-01T10:00:00Z");
    run.putObject("result").putArray("comparison").addObject().put("metric", "throughput");
    return run;
  }

  @Test
  void aRunLeftRunningIsShownAsInterruptedAndTheListingCarriesOnlyTheComparison() {
    ArchivedRun kept = ArchivedRun.parse(new ArchivedRun(run("running"), false).stored());
    assertThat(kept.finished()).isFalse();
    ArchivedRun shown = kept.interruptedBy(Instant.parse("2026-12-01T11:00:00Z"));
    assertThat(shown.finished()).isTrue();
    assertThat(shown.describe(true, false).path("error").path("code").asText()).isEqualTo("RUN_INTERRUPTED");
    assertThat(shown.describe(true, false).path("finishedAt").asText()).isEqualTo("2026-12-01T11:00:00Z");
    ObjectNode listed = shown.describe(false, false);
    assertThat(listed.has("result")).isFalse();
    assertThat(listed.path("comparison").get(0).path("metric").asText()).isEqualTo("throughput");
    assertThat(kept.run().path("status").asText()).as("the kept one is not changed").isEqualTo("running");
  }

  @Test
  void anErrorMessageOfARunThatSawPersonalDataIsWithheldFromOthers() {
    ObjectNode failed = run("failed");
    failed.putObject("error").put("code", "INVALID_ARGUMENT").put("message", "owner 'Ada Lovelace' ...");
    ArchivedRun kept = new ArchivedRun(failed, true);
    assertThat(kept.describe(true, false).path("error").path("message").asText()).isEqualTo(RunView.WITHHELD);
    assertThat(kept.describe(true, true).path("error").path("message").asText()).contains("Ada");
  }
}
