package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.model.Dtmi;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A snapshot opening while the writer applies a batch: at once when the batch records, else after it. */
class SnapshotOpenDuringBatchTest {
  private static final Clock CLOCK = Clock.systemUTC();
  private static final Duration AGE = Duration.ofMinutes(1);

  private static TwinState room(String id, long version, double temperature) {
    return new TwinState(id, new Dtmi(Fixtures.ROOM), version, TwinCodec.encode(Fixtures.room(temperature)), null);
  }

  private static CompletableFuture<EngineSnapshot> openElsewhere(Graph graph) {
    return CompletableFuture.supplyAsync(() -> graph.snapshot(CLOCK, AGE));
  }

  @Test
  void opensWithoutWaitingAtTheVersionBeforeARecordingBatch() throws Exception {
    Graph graph = new Graph();
    graph.apply(1, () -> graph.putTwin(room("a", 1, 10)));
    AtomicReference<EngineSnapshot> during = new AtomicReference<>();
    try (EngineSnapshot before = graph.snapshot(CLOCK, AGE)) { // open as the batch begins: it records
      graph.apply(2, () -> {
        graph.putTwin(room("a", 2, 20));
        graph.putTwin(room("b", 2, 30));
        // The writer holds the batch: a snapshot that waited for it would never open here.
        during.set(openElsewhere(graph).orTimeout(30, TimeUnit.SECONDS).join());
        graph.putTwin(room("c", 2, 40));
      });
      assertThat(before.version()).isEqualTo(1);
    }
    try (EngineSnapshot snapshot = during.get()) {
      assertThat(snapshot.version()).isEqualTo(1);
      assertThat(snapshot.twinCount()).isEqualTo(1);
      assertThat(snapshot.twin("a").json().get("temperature").asDouble()).isEqualTo(10);
      assertThat(snapshot.twin("b")).isNull();
      assertThat(snapshot.twin("c")).isNull();
    }
    try (EngineSnapshot after = graph.snapshot(CLOCK, AGE)) {
      assertThat(after.version()).isEqualTo(2);
      assertThat(after.twinCount()).isEqualTo(3);
    }
    assertThat(graph.snapshots().undoEntries()).isZero(); // the batch's entries went with the last snapshot
  }

  @Test
  void waitsForABatchThatBeganWithNothingToRecord() throws Exception {
    Graph graph = new Graph();
    graph.apply(1, () -> graph.putTwin(room("a", 1, 10)));
    AtomicReference<CompletableFuture<EngineSnapshot>> opening = new AtomicReference<>();
    graph.apply(2, () -> {
      graph.putTwin(room("a", 2, 20));
      opening.set(openElsewhere(graph));
      graph.putTwin(room("b", 2, 30)); // not recorded: no snapshot was open as the batch began
    });
    try (EngineSnapshot snapshot = opening.get().orTimeout(30, TimeUnit.SECONDS).join()) {
      assertThat(snapshot.version()).isEqualTo(2);
      assertThat(snapshot.twinCount()).isEqualTo(2);
      assertThat(snapshot.twin("a").json().get("temperature").asDouble()).isEqualTo(20);
    }
  }
}
