package io.doppel.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.history.Aggregation;
import io.doppel.history.HistoryOptions;
import io.doppel.history.HistoryService;
import io.doppel.history.Point;
import io.doppel.history.spi.SeriesKey;
import io.doppel.history.spi.SeriesWrite;
import io.doppel.history.spi.StoredChunk;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.MutableClock;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.spi.TwinStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** String and enum values in the history on RocksDB: recorded, read back, aggregated, and a format-1 store upgraded. */
class RocksHistoryTextsTest {
  @TempDir
  Path dir;

  @Test
  void textsAndNumbersRoundTripAcrossARestartAndAggregateByFirstLastAndCount() throws Exception {
    MutableClock clock = new MutableClock(HistoryFixture.T0);
    HistoryOptions options = HistoryOptions.defaults().withClock(clock).withChunks(50, Duration.ofMinutes(10));
    String[] states = {"idle", "running", "running", "fault"};
    try (TwinEngine engine = TwinEngine.open(TwinStore.inMemory(), clock)) {
      engine.addModels(HistoryFixture.MODELS);
      HistoryFixture.twin(engine, "m1", HistoryFixture.MACHINE);
      try (HistoryService history = HistoryService.open(engine, RocksSeriesStore.open(dir), options)) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
          String note = i % 3 == 0 ? "a \"quoted\", comma\nnewline" : "plain \u00e9 " + (i % 5);
          acks.add(history.recordTelemetry("m1", null, HistoryFixture.object(HistoryFixture.JSON.createObjectNode()
              .put("speed", i * 0.5).put("state", states[i % 4]).put("note", note).toString()),
              HistoryFixture.T0.plusSeconds(i * 5L), null));
        }
        acks.forEach(CompletableFuture::join);
        engine.patchTwin("m1", (com.fasterxml.jackson.databind.node.ArrayNode) HistoryFixture.JSON.readTree(
            "[{\"op\":\"add\",\"path\":\"/label\",\"value\":\"line 7\"}]"), Precondition.none());
      }
      try (HistoryService history = HistoryService.open(engine, RocksSeriesStore.open(dir), options)) {
        Instant from = HistoryFixture.T0;
        Instant to = HistoryFixture.T0.plus(Duration.ofHours(1));
        List<Point> state = history.range("m1", "state", from, to, 10_000).points();
        assertThat(state).hasSize(240);
        for (int i = 0; i < 240; i++) {
          assertThat(state.get(i)).isEqualTo(Point.ofText(HistoryFixture.T0.plusSeconds(i * 5L).toEpochMilli(),
              states[i % 4]));
        }
        assertThat(history.range("m1", "note", from, to, 10).points().get(0).text())
            .isEqualTo("a \"quoted\", comma\nnewline");
        assertThat(history.range("m1", "speed", from, to, 10_000).points().get(239).value()).isEqualTo(119.5);

        List<Point> firsts = history.downsample("m1", "state", from, to, Duration.ofMinutes(5), Aggregation.FIRST);
        assertThat(firsts).hasSize(4).extracting(Point::text).containsOnly("idle");
        List<Point> lasts = history.downsample("m1", "state", from, to, Duration.ofMinutes(5), Aggregation.LAST);
        assertThat(lasts).extracting(Point::text).containsOnly("fault");
        assertThat(history.downsample("m1", "state", from, to, Duration.ofMinutes(5), Aggregation.COUNT))
            .extracting(Point::value).containsOnly(60.0);
        assertThatThrownBy(() -> history.downsample("m1", "state", from, to, Duration.ofMinutes(5), Aggregation.AVG))
            .isInstanceOfSatisfying(DoppelException.class, e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.details().get(0).target()).isEqualTo("agg");
            });

        assertThat(history.latest("m1").get("state").text()).isEqualTo("fault");
        assertThat(history.latest("m1").get("label").text()).isEqualTo("line 7");
        assertThat(history.latest("m1").get("speed").isText()).isFalse();
      }
    }
  }

  @Test
  void aFormatOneHistoryStillReadsAndIsMarkedFormatTwoOnOpen() throws Exception {
    SeriesKey key = new SeriesKey("m1", "speed");
    // A chunk exactly as format 1 wrote it (bytes captured from that version's encoder): points at 1000 and 2000 ms,
    // both 1.5.
    try (RocksSeriesStore store = RocksSeriesStore.open(dir)) {
      store.write(List.of(new SeriesWrite.Register(key, HistoryFixture.MACHINE)));
    }
    byte[] formatOneChunk = hex("0d02003ff8000000000000ebe700");
    try (Options options = new Options(); RocksDB db = RocksDB.open(options, dir.toString())) {
      db.put(SeriesKeys.FORMAT, "1".getBytes(StandardCharsets.UTF_8));
      db.put(new SeriesKeys(RocksTwinStore.DEFAULT_TENANT).chunk(key, 1000), formatOneChunk);
    }
    MutableClock clock = new MutableClock(HistoryFixture.T0);
    try (TwinEngine engine = TwinEngine.open(TwinStore.inMemory(), clock)) {
      engine.addModels(HistoryFixture.MODELS);
      HistoryFixture.twin(engine, "m1", HistoryFixture.MACHINE);
      try (HistoryService history = HistoryService.open(engine, RocksSeriesStore.open(dir),
          HistoryOptions.defaults().withClock(clock))) {
        assertThat(history.range("m1", "speed", Instant.EPOCH, Instant.ofEpochMilli(10_000), 10).points())
            .containsExactly(new Point(1000, 1.5), new Point(2000, 1.5));
      }
    }
    try (Options options = new Options(); RocksDB db = RocksDB.open(options, dir.toString())) {
      assertThat(new String(db.get(SeriesKeys.FORMAT), StandardCharsets.UTF_8)).isEqualTo("2");
    }
  }

  @Test
  void chunksAfterWalksInStartOrderAndSettingsSurviveAReopen() {
    SeriesKey key = new SeriesKey("m1", "speed");
    try (RocksSeriesStore store = RocksSeriesStore.open(dir)) {
      List<SeriesWrite> writes = new ArrayList<>();
      for (long start = -3; start <= 40; start++) {
        writes.add(new SeriesWrite.Append(key, start, new byte[] {1}));
      }
      writes.add(new SeriesWrite.Append(new SeriesKey("m1", "speedy"), 0, new byte[] {2}));
      writes.add(new SeriesWrite.Setting("retention", "P1D"));
      store.write(writes);
      assertThat(store.chunksAfter(key, -3, 3)).extracting(StoredChunk::start).containsExactly(-2L, -1L, 0L);
      assertThat(store.chunksAfter(key, 38, 10)).extracting(StoredChunk::start).containsExactly(39L, 40L);
      assertThat(store.chunksAfter(key, Long.MIN_VALUE, 100)).hasSize(44);
      assertThat(store.chunksAfter(key, 40, 10)).isEmpty();
    }
    try (RocksSeriesStore store = RocksSeriesStore.open(dir)) {
      assertThat(store.setting("retention")).contains("P1D");
      assertThat(store.setting("other")).isEmpty();
    }
  }

  private static byte[] hex(String text) {
    byte[] out = new byte[text.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
