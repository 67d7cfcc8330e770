package io.doppel.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.history.spi.SeriesStore;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.MutableClock;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.spi.TwinStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The graph rolled back to any time reads exactly as the live graph read at that time. */
class PastGraphPropertiesTest {

  @Property(tries = 40)
  void theGraphAsOfEachTimeIsTheGraphThatWasThen(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int writes) {
    MutableClock clock = new MutableClock(Sensors.T0);
    Random random = new Random(seed);
    try (TwinEngine engine = TwinEngine.open(TwinStore.inMemory(), clock);
        HistoryService history = HistoryService.open(engine, SeriesStore.inMemory(),
            HistoryOptions.defaults().withClock(clock))) {
      engine.addModels(Graphs.MODELS);
      history.caughtUp().join();
      Map<Instant, String> seen = new LinkedHashMap<>();
      for (int i = 0; i < writes; i++) {
        clock.advance(Duration.ofSeconds(1));
        Graphs.randomWrite(engine, random);
        try (GraphSnapshot now = engine.snapshot()) {
          seen.put(clock.instant(), Graphs.describe(now));
        }
      }
      clock.advance(Duration.ofSeconds(1));
      seen.forEach((time, expected) -> {
        try (GraphSnapshot past = history.snapshotAt(time)) {
          assertThat(Graphs.describe(past)).as("as of " + time).isEqualTo(expected);
        }
        // half a second later nothing had changed yet
        try (GraphSnapshot past = history.snapshotAt(time.plusMillis(500))) {
          assertThat(Graphs.describe(past)).as("as of " + time + " + 0.5 s").isEqualTo(expected);
        }
      });
    }
  }
}
