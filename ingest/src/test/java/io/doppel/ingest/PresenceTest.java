package io.doppel.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.twin.MutableClock;
import io.doppel.twin.Origin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PresenceTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
  final Presence presence = Presence.manual(clock, Duration.ofSeconds(10));
  final Origin device = Origin.of("mqtt", "device-1");

  @Test
  void goesOfflineAfterTheTimeoutWithNoFurtherMessage() {
    List<Connection> changes = new CopyOnWriteArrayList<>();
    presence.onChange(changes::add);
    presence.heard("pump-1", device);
    clock.advance(Duration.ofSeconds(9));
    presence.sweep();
    assertThat(presence.state("pump-1").orElseThrow().online()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    presence.sweep();
    Connection state = presence.state("pump-1").orElseThrow();
    assertThat(state.online()).isFalse();
    assertThat(state.since()).isEqualTo(clock.instant());
    assertThat(changes).extracting(Connection::online).containsExactly(true, false);
  }

  @Test
  void hearingAgainPushesTheDeadlineOut() {
    presence.heard("pump-1", device);
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(8));
      presence.heard("pump-1", device);
      presence.sweep();
    }
    assertThat(presence.state("pump-1").orElseThrow().online()).isTrue();
    clock.advance(Duration.ofSeconds(10));
    presence.sweep();
    assertThat(presence.state("pump-1").orElseThrow().online()).isFalse();
    presence.heard("pump-1", device);
    assertThat(presence.state("pump-1").orElseThrow().online()).isTrue();
  }

  @Test
  void aDisconnectTakesOnlyThatSourcesTwinsOffline() {
    presence.heard("pump-1", device);
    presence.heard("pump-2", Origin.of("kafka", "plant"));
    presence.sourceGone(device);
    assertThat(presence.state("pump-1").orElseThrow().online()).isFalse();
    assertThat(presence.state("pump-2").orElseThrow().online()).isTrue();
    assertThat(presence.onlineCount()).isEqualTo(1);
    assertThat(presence.state("unknown")).isEmpty();
  }

  @Test
  void theTimerSweepsByItself() throws Exception {
    try (Presence timed = Presence.start(java.time.Clock.systemUTC(), Duration.ofMillis(200))) {
      timed.heard("pump-1", device);
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> !timed.state("pump-1").orElseThrow().online());
    }
  }
}
