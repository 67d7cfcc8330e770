package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.doppel.predict.anomaly.LiveAnomalies;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ScoredTelemetryTest {
  @Test
  void theListenersAfterScoringGetEveryMessageInOrderWithItsValueAlreadyScored() {
    LiveAnomalies anomalies = new LiveAnomalies(Clock.systemUTC());
    List<Long> scoredCountSeen = new CopyOnWriteArrayList<>();
    List<Double> values = new CopyOnWriteArrayList<>();
    try (ScoredTelemetry scored = new ScoredTelemetry(anomalies)) {
      scored.then((twin, component, message) -> {
        values.add(message.get("power").doubleValue());
        scoredCountSeen.add(anomalies.series(twin, "power").orElseThrow().count());
      });
      for (int i = 0; i < 500; i++) {
        scored.recorded("m1", null, JsonNodeFactory.instance.objectNode().put("power", (double) i));
      }
      Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> values.size() == 500);
    }
    assertThat(values).isSorted().first().isEqualTo(0.0);
    // the n-th message reached the listener once its own value was the n-th scored
    for (int i = 0; i < 500; i++) {
      assertThat(scoredCountSeen.get(i)).isGreaterThanOrEqualTo(i + 1L);
    }
  }
}
