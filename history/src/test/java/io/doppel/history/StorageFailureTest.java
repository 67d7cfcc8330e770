package io.doppel.history;

import io.doppel.twin.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.history.spi.SeriesKey;
import io.doppel.history.spi.SeriesStore;
import io.doppel.history.spi.SeriesWrite;
import io.doppel.history.spi.StoredChunk;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.TwinEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** A write the store refuses is never acknowledged, and the history carries on once the store recovers. */
class StorageFailureTest {

  /** The in-memory store with a switch that makes writes fail, as a full disk would. */
  static class FlakyStore implements SeriesStore {
    final SeriesStore delegate = SeriesStore.inMemory();
    volatile boolean failing;

    @Override
    public void write(List<SeriesWrite> batch) {
      if (failing) {
        throw new DoppelException(ErrorCode.STORAGE_FAILURE, "disk full");
      }
      delegate.write(batch);
    }

    @Override
    public List<StoredChunk> chunks(SeriesKey series, long from, long to) {
      return delegate.chunks(series, from, to);
    }

    @Override
    public Optional<StoredChunk> floor(SeriesKey series, long time) {
      return delegate.floor(series, time);
    }

    @Override
    public Optional<StoredChunk> last(SeriesKey series) {
      return delegate.last(series);
    }

    @Override
    public List<StoredChunk> chunksAfter(SeriesKey series, long after, int limit) {
      return delegate.chunksAfter(series, after, limit);
    }

    @Override
    public Optional<String> setting(String name) {
      return delegate.setting(name);
    }

    @Override
    public Map<String, String> series(String twinId) {
      return delegate.series(twinId);
    }

    @Override
    public long recordedVersion() {
      return delegate.recordedVersion();
    }

    @Override
    public void forEachSeries(BiConsumer<SeriesKey, String> visitor) {
      delegate.forEachSeries(visitor);
    }

    @Override
    public io.doppel.history.spi.ChangeLog changes() {
      return delegate.changes();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  @Test
  void aRefusedWriteFailsItsAckWithStorageFailureAndLaterWritesLandInTheRightChunks() {
    MutableClock clock = new MutableClock(Sensors.T0);
    FlakyStore store = new FlakyStore();
    try (TwinEngine engine = Sensors.engine(clock);
        HistoryService history = HistoryService.open(engine, store,
            HistoryOptions.defaults().withClock(clock).withChunks(4, Duration.ofHours(1)))) {
      Sensors.createProbe(engine, "p1", 30);
      for (int i = 0; i < 6; i++) {
        send(history, i, i);
      }
      store.failing = true;
      assertThatThrownBy(() -> send(history, 6, 60)).isInstanceOf(CompletionException.class)
          .cause().isInstanceOfSatisfying(DoppelException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE));
      store.failing = false;
      for (int i = 7; i < 12; i++) {
        send(history, i, i);
      }
      send(history, 2, 200); // late, into a sealed chunk
      List<Point> points = history.range("p1", "temperature", Sensors.T0, Sensors.T0.plusSeconds(60), 100).points();
      assertThat(points).extracting(Point::value)
          .containsExactly(0.0, 1.0, 200.0, 3.0, 4.0, 5.0, 7.0, 8.0, 9.0, 10.0, 11.0);
    }
  }

  private static void send(HistoryService history, int second, double value) {
    history.recordTelemetry("p1", null, Sensors.object("{\"temperature\":" + value + "}"),
        Sensors.T0.plusSeconds(second), null).join();
  }
}
