package io.doppel.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.history.spi.SeriesKey;
import io.doppel.history.spi.StoredChunk;
import io.doppel.twin.MutableClock;
import io.doppel.twin.TwinEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Exports read a few chunks at a time: output starts long before the range has been fetched. */
class SeriesExportTest {

  /** Counts the chunks the export fetches from the store. */
  static final class CountingStore extends StorageFailureTest.FlakyStore {
    final AtomicInteger fetched = new AtomicInteger();

    @Override
    public List<StoredChunk> chunks(SeriesKey series, long from, long to) {
      List<StoredChunk> out = super.chunks(series, from, to);
      fetched.addAndGet(out.size());
      return out;
    }

    @Override
    public List<StoredChunk> chunksAfter(SeriesKey series, long after, int limit) {
      List<StoredChunk> out = super.chunksAfter(series, after, limit);
      fetched.addAndGet(out.size());
      return out;
    }

    @Override
    public java.util.Optional<StoredChunk> floor(SeriesKey series, long time) {
      java.util.Optional<StoredChunk> out = super.floor(series, time);
      out.ifPresent(c -> fetched.incrementAndGet());
      return out;
    }
  }

  @Test
  void aLongRangeStreamsSeriesAfterSeriesAFewChunksAtATime() throws Exception {
    MutableClock clock = new MutableClock(Sensors.T0);
    CountingStore store = new CountingStore();
    HistoryOptions options = HistoryOptions.defaults().withClock(clock).withChunks(10, Duration.ofHours(1));
    try (TwinEngine engine = Sensors.engine(clock); HistoryService history = HistoryService.open(engine, store,
        options)) {
      Sensors.createProbe(engine, "p1", 30);
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      int n = 2000; // 200 chunks a series
      for (int i = 0; i < n; i++) {
        acks.add(history.recordTelemetry("p1", null, Sensors.object("{\"temperature\":" + i + ",\"status\":\"s"
            + (i % 3) + "\"}"), Sensors.T0.plusSeconds(i), null));
      }
      acks.forEach(CompletableFuture::join);
      store.fetched.set(0);
      int[] fetchedAtFirstPoint = {-1};
      List<String> seen = new ArrayList<>();
      history.export("p1", List.of("temperature", "status"), Sensors.T0, Sensors.T0.plusSeconds(n), null, null,
          (name, p) -> {
            if (fetchedAtFirstPoint[0] < 0) {
              fetchedAtFirstPoint[0] = store.fetched.get();
            }
            seen.add(name + "@" + p.time() + "=" + (p.isText() ? p.text() : p.value()));
          });
      assertThat(fetchedAtFirstPoint[0]).isBetween(1, 1 + ChunkWalk.BATCH);
      assertThat(store.fetched.get()).isGreaterThanOrEqualTo(400);
      assertThat(seen).hasSize(2 * n);
      assertThat(seen.get(0)).isEqualTo("temperature@" + Sensors.T0.toEpochMilli() + "=0.0");
      assertThat(seen.get(n - 1)).isEqualTo("temperature@" + Sensors.T0.plusSeconds(n - 1).toEpochMilli() + "="
          + (double) (n - 1));
      assertThat(seen.get(n)).isEqualTo("status@" + Sensors.T0.toEpochMilli() + "=s0");

      // a range starting mid-series begins at the chunk holding its start
      List<Long> times = new ArrayList<>();
      Instant from = Sensors.T0.plusSeconds(1234);
      history.export("p1", List.of("temperature"), from, from.plusSeconds(100), null, null,
          (name, p) -> times.add(p.time()));
      assertThat(times).hasSize(100).first().isEqualTo(from.toEpochMilli());
    }
  }
}
