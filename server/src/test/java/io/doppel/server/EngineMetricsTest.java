package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The engine's write-path counters ({@code EngineStats}) in the Prometheus output, next to the HTTP timers. */
class EngineMetricsTest {
  private static double value(String scrape, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    assertThat(m.find()).as("series %s in:%n%s", series, scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void exposesCommitsBatchesAndQueueDepthThatFollowTheWrites() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "r1", 20);
      String before = http.get("/metrics").text();
      double commits = value(before, "doppel_engine_commits_total");
      double changes = value(before, "doppel_engine_committed_changes_total");
      assertThat(commits).isGreaterThanOrEqualTo(2); // the models, then the twin
      for (int i = 0; i < 5; i++) {
        Http.Response patched = http.patch("/digitaltwins/r1",
            "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":" + (21 + i) + "}]");
        assertThat(patched.status()).as(patched.text()).isEqualTo(204);
        assertThat(patched.etag()).isNotBlank();
      }
      Http.Response refused = http.patch("/digitaltwins/r1",
          "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":\"hot\"}]");
      assertThat(refused.status()).isEqualTo(400);

      String after = http.get("/metrics").text();
      // Each sequential PATCH is its own durable commit of one change; the refused one commits nothing.
      assertThat(value(after, "doppel_engine_committed_changes_total")).isEqualTo(changes + 5);
      assertThat(value(after, "doppel_engine_commits_total")).isBetween(commits + 1, commits + 5);
      assertThat(value(after, "doppel_engine_refused_writes_total")).isGreaterThanOrEqualTo(1);
      assertThat(value(after, "doppel_engine_batch_size_last")).isEqualTo(1);
      assertThat(value(after, "doppel_engine_batch_size_average")).isPositive();
      assertThat(value(after, "doppel_engine_queue_depth")).isZero();
      assertThat(value(after, "doppel_engine_reprepared_writes_total")).isZero();
      assertThat(after).contains("doppel_http_requests_seconds_count{method=\"PATCH\",route=\"/digitaltwins/{id}\","
          + "status=\"204\"} 5");
    });
  }
}
