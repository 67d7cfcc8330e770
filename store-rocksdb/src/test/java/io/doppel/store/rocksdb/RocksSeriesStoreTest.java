package io.doppel.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.history.HistoryOptions;
import io.doppel.history.HistoryService;
import io.doppel.history.Point;
import io.doppel.history.spi.SeriesKey;
import io.doppel.history.spi.SeriesWrite;
import io.doppel.history.spi.StoredChunk;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.spi.TwinStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksSeriesStoreTest {
  private static final SeriesKey TEMP = new SeriesKey("room-1", "temperature");
  private static final SeriesKey SET = new SeriesKey("room-1", "thermostat/setPoint");
  private static final SeriesKey OTHER = new SeriesKey("room-10", "temperature");

  @TempDir
  Path dir;

  @Test
  void appendedSegmentsAndTheCatalogAreBackAfterReopen() {
    try (RocksSeriesStore store = RocksSeriesStore.open(dir)) {
      store.write(List.of(new SeriesWrite.Register(TEMP, "dtmi:x:Room;1"), new SeriesWrite.Register(SET, "dtmi:x:Room;1"),
          new SeriesWrite.Register(OTHER, "dtmi:x:Room;2"),
          new SeriesWrite.Append(TEMP, 1000, bytes("ab")), new SeriesWrite.Append(OTHER, 1000, bytes("zz"))));
      store.write(List.of(new SeriesWrite.Append(TEMP, 1000, bytes("cd")), new SeriesWrite.Append(TEMP, 5000,
          bytes("ef"))));
    }
    try (RocksSeriesStore store = RocksSeriesStore.open(dir)) {
      assertThat(text(store.floor(TEMP, 4999).orElseThrow())).isEqualTo("1000:abcd");
      assertThat(text(store.last(TEMP).orElseThrow())).isEqualTo("5000:ef");
      assertThat(store.series("room-1")).containsExactly(
          Map.entry("temperature", "dtmi:x:Room;1"), Map.entry("thermostat/setPoint", "dtmi:x:Room;1"));
      List<String> all = new ArrayList<>();
      store.forEachSeries((key, model) -> all.add(key.twinId() + "/" + key.name() + "=" + model));
      assertThat(all).containsExactly("room-1/temperature=dtmi:x:Room;1", "room-1/thermostat/setPoint=dtmi:x:Room;1",
          "room-10/temperature=dtmi:x:Room;2");
    }
  }

  @Test
  void rangeReadsTheFloorChunkAndThoseStartingBeforeTheEndOfOneSeriesOnly() {
    try (RocksSeriesStore store = RocksSeriesStore.open(dir)) {
      List<SeriesWrite> writes = new ArrayList<>();
      for (long start : new long[] {-5000, 0, 1000, 2000, 3000}) {
        writes.add(new SeriesWrite.Append(TEMP, start, bytes("x")));
      }
      writes.add(new SeriesWrite.Append(SET, 1500, bytes("y")));
      store.write(writes);
      assertThat(store.chunks(TEMP, 1500, 3000)).extracting(StoredChunk::start).containsExactly(1000L, 2000L);
      assertThat(store.chunks(TEMP, -9000, 1)).extracting(StoredChunk::start).containsExactly(-5000L, 0L);
      assertThat(store.chunks(TEMP, 9000, 9999)).extracting(StoredChunk::start).containsExactly(3000L);
      assertThat(store.chunks(SET, 0, 1000)).isEmpty();
      assertThat(store.floor(SET, 1499)).isEmpty();

      store.write(List.of(new SeriesWrite.DeleteBefore(TEMP, 2000), new SeriesWrite.Delete(TEMP, 3000),
          new SeriesWrite.Replace(TEMP, 2000, bytes("new"))));
      assertThat(store.chunks(TEMP, Long.MIN_VALUE, Long.MAX_VALUE)).extracting(RocksSeriesStoreTest::text)
          .containsExactly("2000:new");
      assertThat(store.last(SET).map(StoredChunk::start)).contains(1500L);
    }
  }

  @Test
  void acknowledgedTelemetryIsThereAfterTheStoreIsClosedAndReopened() throws Exception {
    Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
    TwinEngine engine = TwinEngine.open(TwinStore.inMemory());
    engine.addModels(List.of("""
        {"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:Meter;1","@type":"Interface",
         "contents":[{"@type":"Telemetry","name":"power","schema":"double"}]}"""));
    engine.putTwin("m1", json("{\"$metadata\":{\"$model\":\"dtmi:x:Meter;1\"}}"), Precondition.none());
    HistoryOptions options = HistoryOptions.defaults().withChunks(100, java.time.Duration.ofHours(1));
    try (HistoryService history = HistoryService.open(engine, RocksSeriesStore.open(dir), options)) {
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        acks.add(history.recordTelemetry("m1", null, json("{\"power\":" + i * 0.5 + "}"), t0.plusSeconds(i), null));
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    }
    try (HistoryService history = HistoryService.open(engine, RocksSeriesStore.open(dir), options)) {
      List<Point> points = history.range("m1", "power", t0, t0.plusSeconds(1000), 5000).points();
      assertThat(points).hasSize(1000);
      assertThat(points.get(999)).isEqualTo(new Point(t0.plusSeconds(999).toEpochMilli(), 499.5));
      // the reopened history continues the last chunk rather than losing or duplicating it
      history.recordTelemetry("m1", null, json("{\"power\":-1}"), t0.plusSeconds(1000), null).join();
      assertThat(history.range("m1", "power", t0, t0.plusSeconds(2000), 5000).points()).hasSize(1001);
    } finally {
      engine.close();
    }
  }

  @Test
  void refusesAStoreOfANewerFormat() throws Exception {
    RocksDB.loadLibrary();
    try (Options options = new Options().setCreateIfMissing(true); RocksDB db = RocksDB.open(options, dir.toString())) {
      db.put("\u0000doppel-history-format".getBytes(StandardCharsets.UTF_8), bytes("99"));
    }
    assertThatThrownBy(() -> RocksSeriesStore.open(dir)).isInstanceOfSatisfying(DoppelException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
      assertThat(e.getMessage()).contains("format version 99");
    });
  }

  @Test
  void refusesWritesAndReadsOnceClosed() {
    RocksSeriesStore store = RocksSeriesStore.open(dir);
    store.close();
    assertThatThrownBy(() -> store.last(TEMP)).isInstanceOf(DoppelException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> store.write(List.of(new SeriesWrite.Append(TEMP, 0, bytes("a")))))
        .isInstanceOf(DoppelException.class).hasMessageContaining("closed");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(StoredChunk chunk) {
    return chunk.start() + ":" + new String(chunk.data(), StandardCharsets.UTF_8);
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) new ObjectMapper().readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
