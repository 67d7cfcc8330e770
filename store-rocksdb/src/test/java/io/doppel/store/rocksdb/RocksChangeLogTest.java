package io.doppel.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.history.HistoryOptions;
import io.doppel.history.HistoryService;
import io.doppel.history.Retention;
import io.doppel.history.spi.ChangeKind;
import io.doppel.history.spi.ChangeLog;
import io.doppel.history.spi.ChangeRecord;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.MutableClock;
import io.doppel.twin.Origin;
import io.doppel.twin.Precondition;
import io.doppel.twin.RelationshipView;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change log on disk: durable across restarts and crashes, caught up after a gap, bounded by retention. */
class RocksChangeLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final String MODEL = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:x:Pump;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"speed","schema":"double","writable":true},
                   {"@type":"Relationship","name":"feeds"}]}""";

  @TempDir
  Path dir;

  @Test
  void everyChangeIsLoggedInOrderAndReadsBackAfterARestart() {
    MutableClock clock = new MutableClock(T0);
    List<String> expected = new ArrayList<>();
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir.resolve("twins")), clock)) {
      try (HistoryService history = open(engine, clock, HistoryOptions.defaults())) {
        history.caughtUp().join();
        engine.addModels(List.of(MODEL));
        writeSome(engine, clock);
        try (GraphSnapshot past = history.snapshotAt(T0.plusSeconds(2))) {
          expected.add(describe(past));
        }
      }
    }
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir.resolve("twins")), clock);
        HistoryService history = open(engine, clock, HistoryOptions.defaults())) {
      history.caughtUp().join();
      var page = history.changes("p1", T0, T0.plusSeconds(100), null, 100);
      assertThat(page.changes()).extracting(c -> c.kind().label() + "@" + (c.time() - T0.toEpochMilli()) / 1000)
          .containsExactly("twin.created@1", "twin.patched@2", "relationship.created@3", "twin.patched@4",
              "relationship.deleted@5");
      assertThat(page.changes().get(1).patch().toString()).contains("\"value\":2.5");
      assertThat(page.changes().get(1).origin()).isEqualTo(Origin.of("test", "suite"));
      try (GraphSnapshot past = history.snapshotAt(T0.plusSeconds(2))) {
        assertThat(describe(past)).isEqualTo(expected.get(0)).contains("\"speed\":2.5").doesNotContain("p2");
      }
      try (GraphSnapshot past = history.snapshotAt(T0.plusSeconds(3))) {
        assertThat(past.outgoing("p1", null)).extracting(RelationshipView::targetId).containsExactly("p2");
        assertThat(past.incoming("p2", "feeds")).extracting(RelationshipView::id).containsExactly("f1");
      }
      List<TwinEvent> replay = history.eventsAfter(0, engine.version(), 100);
      assertThat(replay).extracting(TwinEvent::version).isSorted().doesNotHaveDuplicates();
      assertThat(replay).hasSize((int) engine.version());
      assertThat(replay.get(0)).isInstanceOf(TwinEvent.ModelsAdded.class);
    }
  }

  @Test
  void aCrashedStoreReopensWithEveryLoggedChange() throws IOException {
    MutableClock clock = new MutableClock(T0);
    Path crashed = dir.resolve("crashed");
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir.resolve("twins")), clock);
        HistoryService history = open(engine, clock, HistoryOptions.defaults())) {
      history.caughtUp().join();
      engine.addModels(List.of(MODEL));
      writeSome(engine, clock);
      history.changes("p1", T0, T0.plusSeconds(100), null, 100); // returns once everything is logged
      // The files as a kill -9 leaves them: synced WAL, memtable never flushed, no clean close.
      copy(dir.resolve("history"), crashed);
    }
    try (RocksSeriesStore store = RocksSeriesStore.open(crashed)) {
      ChangeLog log = store.changes();
      assertThat(log.after(0, 100)).extracting(ChangeRecord::kind).containsExactly(ChangeKind.MODELS_ADDED,
          ChangeKind.TWIN_CREATED, ChangeKind.TWIN_PATCHED, ChangeKind.TWIN_CREATED, ChangeKind.RELATIONSHIP_CREATED,
          ChangeKind.TWIN_PATCHED, ChangeKind.RELATIONSHIP_DELETED);
      assertThat(log.lastOf(ChangeRecord.twinEntity("p1"), 3).orElseThrow().kind()).isEqualTo(ChangeKind.TWIN_PATCHED);
      assertThat(log.lastOf(ChangeRecord.relationshipEntity("p1", "f1"), 100).orElseThrow().kind())
          .isEqualTo(ChangeKind.RELATIONSHIP_DELETED);
      assertThat(log.versionAt(T0.plusSeconds(3).toEpochMilli())).isEqualTo(5);
      assertThat(log.versionAt(T0.minusSeconds(1).toEpochMilli())).isZero();
      assertThat(log.ofTwin("p1", T0.plusSeconds(2).toEpochMilli(), T0.plusSeconds(4).toEpochMilli(), null, 10))
          .extracting(ChangeRecord::version).containsExactly(3L, 5L);
      assertThat(log.bounds()).isPresent();
    }
  }

  @Test
  void changesMadeWhileTheHistoryWasAwayAreRecoveredAndTheGapIsNotReplayed() {
    MutableClock clock = new MutableClock(T0);
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir.resolve("twins")), clock)) {
      long before;
      try (HistoryService history = open(engine, clock, HistoryOptions.defaults())) {
        history.caughtUp().join();
        engine.addModels(List.of(MODEL));
        writeSome(engine, clock);
        before = engine.version();
      }
      // unseen by the history, as if it died before its commit
      clock.advance(Duration.ofSeconds(10));
      engine.patchTwin("p2", array("[{\"op\":\"replace\",\"path\":\"/speed\",\"value\":9.0}]"), Precondition.none());
      engine.putTwin("p3", twin(3), Precondition.none());
      engine.deleteTwin("p1", Precondition.none());
      long gapEnd = engine.version();
      clock.advance(Duration.ofSeconds(10));
      try (HistoryService history = open(engine, clock, HistoryOptions.defaults())) {
        history.caughtUp().join();
        assertThat(history.replayableAfter()).isEqualTo(gapEnd);
        assertThat(history.eventsAfter(0, before, 100)).hasSize((int) before);
        assertThat(history.changes("p3", T0, clock.instant().plusSeconds(1), null, 10).changes()).extracting(ChangeRecord::kind)
            .containsExactly(ChangeKind.TWIN_RECOVERED);
        assertThat(history.changes("p1", T0, clock.instant().plusSeconds(1), null, 10).changes()).last()
            .extracting(ChangeRecord::kind, ChangeRecord::origin).containsExactly(ChangeKind.TWIN_DELETED,
                Origin.of("history", "catch-up"));
        try (GraphSnapshot now = engine.snapshot(); GraphSnapshot past = history.snapshotAt(clock.instant())) {
          assertThat(describe(past)).isEqualTo(describe(now));
        }
        try (GraphSnapshot past = history.snapshotAt(T0.plusSeconds(5))) {
          assertThat(past.twin("p1")).isNotNull();
          assertThat(past.twin("p3")).isNull();
          assertThat(past.twin("p2").json().path("speed").asDouble()).isEqualTo(0.0);
        }
      }
    }
  }

  @Test
  void retentionDropsOldChangesButKeepsWhatRollingBackToItsStartNeeds() {
    MutableClock clock = new MutableClock(T0);
    HistoryOptions options = HistoryOptions.defaults().withRetention(Retention.parse("PT1H"));
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir.resolve("twins")), clock);
        HistoryService history = open(engine, clock, options)) {
      history.caughtUp().join();
      engine.addModels(List.of(MODEL));
      writeSome(engine, clock);
      clock.advance(Duration.ofHours(2));
      engine.patchTwin("p2", array("[{\"op\":\"replace\",\"path\":\"/speed\",\"value\":7.0}]"), Precondition.none());
      Instant afterOld;
      String expected;
      clock.advance(Duration.ofMinutes(1));
      afterOld = clock.instant().minus(Duration.ofMinutes(30));
      try (GraphSnapshot past = history.snapshotAt(afterOld)) {
        expected = describe(past);
      }
      history.enforceRetention().join();
      assertThat(history.changes("p1", T0, clock.instant(), null, 10).changes()).isEmpty();
      assertThat(history.replayableAfter()).isGreaterThanOrEqualTo(7);
      try (GraphSnapshot past = history.snapshotAt(afterOld)) {
        assertThat(describe(past)).isEqualTo(expected).contains("\"speed\":4.5");
      }
      assertThatThrownBy(() -> history.snapshotAt(T0.plusSeconds(3))).isInstanceOfSatisfying(DoppelException.class,
          e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.HISTORY_NOT_RETAINED);
            assertThat(e.details()).extracting(DoppelException.Detail::target).containsExactly("asOf");
          });
    }
  }

  /**
   * At T0+1 s p1 is created, +2 patched, +3 p2 created and p1 -f1-> p2, +4 p1 patched, +5 f1 deleted (versions 2..7;
   * the models are 1).
   */
  private static void writeSome(TwinEngine engine, MutableClock clock) {
    Origin origin = Origin.of("test", "suite");
    clock.advance(Duration.ofSeconds(1));
    engine.putTwin("p1", twin(1), Precondition.none());
    clock.advance(Duration.ofSeconds(1));
    engine.patchTwinAsync("p1", array("[{\"op\":\"replace\",\"path\":\"/speed\",\"value\":2.5}]"),
        Precondition.none(), origin).join();
    clock.advance(Duration.ofSeconds(1));
    engine.putTwin("p2", twin(0), Precondition.none());
    engine.putRelationship("p1", "f1", object("{\"$targetId\":\"p2\",\"$relationshipName\":\"feeds\"}"),
        Precondition.none());
    clock.advance(Duration.ofSeconds(1));
    engine.patchTwin("p1", array("[{\"op\":\"replace\",\"path\":\"/speed\",\"value\":4.5}]"), Precondition.none());
    clock.advance(Duration.ofSeconds(1));
    engine.deleteRelationship("p1", "f1", Precondition.none());
  }

  private HistoryService open(TwinEngine engine, MutableClock clock, HistoryOptions options) {
    return HistoryService.open(engine, RocksSeriesStore.open(dir.resolve("history")), options.withClock(clock));
  }

  private static String describe(GraphSnapshot g) {
    StringBuilder out = new StringBuilder("count=" + g.twinCount() + "\n");
    g.twinIds("", null).forEachRemaining(id -> {
      out.append(id).append(' ').append(g.twin(id).json()).append('\n');
      g.outgoing(id, null).forEach(r -> out.append("  -> ").append(r.json()).append('\n'));
      g.incoming(id, null).forEach(r -> out.append("  <- ").append(r.sourceId()).append('/').append(r.id())
          .append('\n'));
    });
    return out.toString();
  }

  private static ObjectNode twin(double speed) {
    return object("{\"$metadata\":{\"$model\":\"dtmi:x:Pump;1\"},\"speed\":" + speed + "}");
  }

  private static ObjectNode object(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ArrayNode array(String json) {
    try {
      return (ArrayNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (!file.getFileName().toString().equals("LOCK")) {
          Files.copy(file, target);
        }
      }
    }
  }
}
