package io.doppel.twin;

import static io.doppel.twin.SnapshotReference.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.model.Dtmi;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  private static final Precondition NONE = Precondition.none();

  private static TwinEngine engine() {
    TwinEngine engine = TwinEngine.inMemory();
    engine.addModels(Fixtures.models());
    return engine;
  }

  private static void patch(TwinEngine engine, String id, String path, Object value) {
    engine.patchTwin(id, Fixtures.patch("[{\"op\":\"add\",\"path\":\"" + path + "\",\"value\":"
        + (value instanceof String s ? "\"" + s + "\"" : value) + "}]"), NONE);
  }

  @Test
  void snapshotKeepsDeletedTwinsAndOldValuesAndHidesNewOnes() {
    try (TwinEngine engine = engine()) {
      engine.putTwin("a", Fixtures.room(1), NONE);
      engine.putTwin("b", Fixtures.room(2), NONE);
      engine.putTwin("c", Fixtures.room(3), NONE);
      TwinView b = engine.getTwin("b");
      try (GraphSnapshot snapshot = engine.snapshot()) {
        engine.deleteTwin("a", NONE);
        patch(engine, "b", "/temperature", 20);
        engine.putTwin("ab", Fixtures.room(4), NONE);
        engine.deleteTwin("c", NONE);
        engine.putTwin("c", Fixtures.device(Fixtures.DEVICE), NONE);

        assertThat(list(snapshot.twinIds("", null))).containsExactly("a", "b", "c");
        assertThat(list(snapshot.twinIds("a", null))).containsExactly("a");
        assertThat(list(snapshot.twinIds("", "a"))).containsExactly("b", "c");
        assertThat(snapshot.twin("b")).isEqualTo(b);
        assertThat(snapshot.twin("ab")).isNull();
        assertThat(snapshot.twin("a")).isNotNull();
        assertThat(snapshot.modelOf("c")).isEqualTo(new Dtmi(Fixtures.ROOM));
        assertThat(snapshot.twinCount()).isEqualTo(3);
        assertThat(list(snapshot.twinIdsOfModels(Set.of(new Dtmi(Fixtures.DEVICE)), null))).isEmpty();
        assertThat(list(snapshot.twinIdsOfModels(Set.of(new Dtmi(Fixtures.ROOM)), "a"))).containsExactly("b", "c");
        assertThat(engine.twinCount()).isEqualTo(3);
        assertThat(engine.getTwin("b").json().get("temperature").asDouble()).isEqualTo(20);
      }
    }
  }

  @Test
  void snapshotRelationshipsAreThoseOfItsVersion() {
    try (TwinEngine engine = engine()) {
      engine.putTwin("room", Fixtures.room(1), NONE);
      engine.putTwin("d1", Fixtures.device(Fixtures.DEVICE), NONE);
      engine.putTwin("d2", Fixtures.device(Fixtures.DEVICE), NONE);
      RelationshipView r1 = engine.putRelationship("room", "r1", Fixtures.relationship("contains", "d1"), NONE);
      RelationshipView n1 = engine.putRelationship("room", "n1", Fixtures.relationship("near", "d2"), NONE);
      try (GraphSnapshot snapshot = engine.snapshot()) {
        engine.deleteRelationship("room", "r1", NONE);
        engine.putRelationship("room", "r2", Fixtures.relationship("contains", "d2"), NONE);
        engine.putRelationship("room", "n1", Fixtures.relationship("near", "d1"), NONE);

        assertThat(snapshot.outgoing("room", null)).containsExactly(n1, r1);
        assertThat(snapshot.outgoing("room", "contains")).containsExactly(r1);
        assertThat(snapshot.incoming("d1", null)).containsExactly(r1);
        assertThat(snapshot.incoming("d2", null)).containsExactly(n1);
        assertThat(snapshot.incoming("room", null)).isEmpty();
        assertThat(engine.listRelationships("room", null, null, 10).items()).extracting(RelationshipView::id)
            .containsExactly("n1", "r2");
      }
    }
  }

  @Test
  void modelScanFollowsATwinWhoseModelChangedAfterTheSnapshot() {
    try (TwinEngine engine = engine()) {
      engine.putTwin("d1", Fixtures.device(Fixtures.DEVICE), NONE);
      engine.putTwin("d2", Fixtures.device(Fixtures.SMART_DEVICE), NONE);
      engine.putTwin("d3", Fixtures.device(Fixtures.DEVICE), NONE);
      try (GraphSnapshot snapshot = engine.snapshot()) {
        engine.patchTwin("d1", Fixtures.patch(
            "[{\"op\":\"replace\",\"path\":\"/$metadata/$model\",\"value\":\"" + Fixtures.SMART_DEVICE + "\"}]"), NONE);
        assertThat(engine.getTwin("d1").json().at("/$metadata/$model").asText()).isEqualTo(Fixtures.SMART_DEVICE);
        Dtmi device = new Dtmi(Fixtures.DEVICE);
        Dtmi smart = new Dtmi(Fixtures.SMART_DEVICE);
        assertThat(list(snapshot.twinIdsOfModels(Set.of(device), null))).containsExactly("d1", "d3");
        assertThat(list(snapshot.twinIdsOfModels(Set.of(smart), null))).containsExactly("d2");
        assertThat(list(snapshot.twinIdsOfModels(Set.of(device, smart), null))).containsExactly("d1", "d2", "d3");
        assertThat(list(snapshot.twinIdsOfModels(Set.of(), null))).isEmpty();
      }
      try (GraphSnapshot now = engine.snapshot()) {
        assertThat(list(now.twinIdsOfModels(Set.of(new Dtmi(Fixtures.SMART_DEVICE)), null)))
            .containsExactly("d1", "d2");
      }
    }
  }

  @Test
  void indexRangesCompareNumbersByValueAndKeepTypesApart() {
    try (TwinEngine engine = engine()) {
      engine.addModels(SnapshotReference.flexModels());
      engine.putTwin("n3", SnapshotReference.flex(3), NONE);
      engine.putTwin("n3.0", SnapshotReference.flex(3.0), NONE);
      engine.putTwin("n25", SnapshotReference.flex(25.5), NONE);
      engine.putTwin("s3", SnapshotReference.flex("3"), NONE);
      engine.putTwin("sa", SnapshotReference.flex("a"), NONE);
      engine.putTwin("t", SnapshotReference.flex(true), NONE);
      engine.putTwin("f", SnapshotReference.flex(false), NONE);
      engine.putTwin("none", SnapshotReference.flex(null), NONE);
      engine.createIndex("v");
      try (GraphSnapshot s = engine.snapshot()) {
        IndexValue.Num three = new IndexValue.Num(3.0);
        assertThat(ids(s.indexRange("v", IndexRange.equalTo(three), null))).containsExactly("n3", "n3.0");
        assertThat(ids(s.indexRange("v", IndexRange.equalTo(new IndexValue.Str("3")), null))).containsExactly("s3");
        assertThat(ids(s.indexRange("v", new IndexRange(three, false, null, false), null))).containsExactly("n25");
        assertThat(ids(s.indexRange("v", new IndexRange(null, false, new IndexValue.Num(100), true), null)))
            .containsExactly("n3", "n3.0", "n25");
        assertThat(ids(s.indexRange("v", new IndexRange(new IndexValue.Str(""), true, null, false), null)))
            .containsExactly("s3", "sa");
        assertThat(ids(s.indexRange("v", new IndexRange(null, false, new IndexValue.Bool(true), false), null)))
            .containsExactly("f");
        assertThat(ids(s.indexRange("v", new IndexRange(three, true, new IndexValue.Str("z"), true), null)))
            .isEmpty();
        assertThat(ids(s.indexRange("v", new IndexRange(null, false, null, false), null)))
            .containsExactly("f", "t", "n3", "n3.0", "n25", "s3", "sa");
        IndexEntry first = new IndexEntry(three, "n3");
        assertThat(ids(s.indexRange("v", new IndexRange(three, true, null, false), first)))
            .containsExactly("n3.0", "n25");
        // Types change: the snapshot keeps the old ones, a new snapshot sees the new ones.
        engine.putTwin("n3", SnapshotReference.flex("3"), NONE);
        engine.putTwin("s3", SnapshotReference.flex(3), NONE);
        assertThat(ids(s.indexRange("v", IndexRange.equalTo(three), null))).containsExactly("n3", "n3.0");
        try (GraphSnapshot later = engine.snapshot()) {
          assertThat(ids(later.indexRange("v", IndexRange.equalTo(three), null))).containsExactly("n3.0", "s3");
          assertThat(ids(later.indexRange("v", IndexRange.equalTo(new IndexValue.Str("3")), null)))
              .containsExactly("n3");
        }
      }
    }
  }

  @Test
  void replacedIndexEntriesStayExactlyAsLongAsASnapshotOrTheCurrentValueNeedsThem() {
    try (TwinEngine engine = engine()) {
      engine.createIndex("temperature");
      engine.putTwin("a", Fixtures.room(1), NONE);
      IndexRange one = IndexRange.equalTo(new IndexValue.Num(1));
      IndexRange two = IndexRange.equalTo(new IndexValue.Num(2));
      GraphSnapshot first = engine.snapshot();
      patch(engine, "a", "/temperature", 2);
      patch(engine, "a", "/temperature", 1); // back to a value whose entry waits for removal
      GraphSnapshot second = engine.snapshot();
      patch(engine, "a", "/temperature", 3); // the entry (1, a) is now held by two undo entries
      first.close();
      assertThat(ids(second.indexRange("temperature", one, null))).containsExactly("a");
      assertThat(ids(second.indexRange("temperature", two, null))).isEmpty();
      second.close();
      assertThat(engine.undoEntries()).isZero();
      try (GraphSnapshot now = engine.snapshot()) {
        assertThat(ids(now.indexRange("temperature", new IndexRange(null, false, null, false), null)))
            .containsExactly("a");
        assertThat(ids(now.indexRange("temperature", one, null))).isEmpty();
      }
      GraphSnapshot third = engine.snapshot();
      patch(engine, "a", "/temperature", 4);
      patch(engine, "a", "/temperature", 3);
      third.close(); // drops the deferred (3, a) while 3 is the current value again: it must stay
      try (GraphSnapshot now = engine.snapshot()) {
        assertThat(ids(now.indexRange("temperature", IndexRange.equalTo(new IndexValue.Num(3)), null)))
            .containsExactly("a");
        assertThat(ids(now.indexRange("temperature", IndexRange.equalTo(new IndexValue.Num(4)), null))).isEmpty();
      }
    }
  }

  @Test
  void componentPropertyIndexFollowsPatchesOfTheComponent() {
    try (TwinEngine engine = engine()) {
      engine.createIndex("thermostat.setpoint");
      engine.putTwin("r1", Fixtures.room(1), NONE); // setpoint 21.5
      engine.putTwin("r2", Fixtures.room(2), NONE);
      engine.patchComponent("r2", "thermostat",
          Fixtures.patch("[{\"op\":\"replace\",\"path\":\"/setpoint\",\"value\":18}]"), NONE);
      try (GraphSnapshot s = engine.snapshot()) {
        assertThat(list(s.indexRange("thermostat.setpoint", new IndexRange(null, false, null, false), null)))
            .containsExactly(new IndexEntry(new IndexValue.Num(18), "r2"),
                new IndexEntry(new IndexValue.Num(21.5), "r1"));
        assertThat(s.indexedPaths()).containsExactly("thermostat.setpoint");
      }
    }
  }

  @Test
  void indexRangeOnAPathWithoutAnIndexOrAnInvalidPathIsRefused() {
    try (TwinEngine engine = engine(); GraphSnapshot s = engine.snapshot()) {
      assertThatThrownBy(() -> s.indexRange("temperature", IndexRange.equalTo(new IndexValue.Num(1)), null))
          .isInstanceOfSatisfying(DoppelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.details()).extracting(DoppelException.Detail::target).containsExactly("path");
          });
      for (String bad : List.of("", "a.b.c", ".a", "a.", "$dtId", "tem perature", "x".repeat(600))) {
        assertThatThrownBy(() -> engine.createIndex(bad)).as(bad)
            .isInstanceOfSatisfying(DoppelException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
      }
      assertThat(engine.indexes()).isEmpty();
    }
  }

  @Test
  void anIndexCreatedOrDroppedAfterASnapshotOpenedIsNotReadThroughIt() {
    try (TwinEngine engine = engine()) {
      engine.putTwin("r1", Fixtures.room(1), NONE);
      engine.createIndex("name");
      engine.createIndex("name"); // creating again only waits for the existing one
      GraphSnapshot before = engine.snapshot();
      engine.createIndex("temperature");
      assertThat(engine.indexes()).containsExactly("name", "temperature");
      assertThat(before.indexedPaths()).containsExactly("name");
      assertThatThrownBy(() -> before.indexRange("temperature", IndexRange.equalTo(new IndexValue.Num(1)), null))
          .isInstanceOf(DoppelException.class);
      Iterator<IndexEntry> open = before.indexRange("name", IndexRange.equalTo(new IndexValue.Str("lab")), null);
      assertThat(engine.dropIndex("name")).isTrue();
      assertThat(engine.dropIndex("name")).isFalse();
      assertThatThrownBy(open::hasNext).isInstanceOfSatisfying(DoppelException.class,
          e -> assertThat(e.getMessage()).contains("'name' was dropped"));
      before.close();
      assertThat(engine.indexes()).containsExactly("temperature");
    }
  }

  @Test
  void undoLogKeepsOnlyWhatOpenSnapshotsNeedAndEmptiesWhenTheLastCloses() {
    try (TwinEngine engine = engine()) {
      engine.putTwin("a", Fixtures.room(1), NONE);
      patch(engine, "a", "/temperature", 2);
      assertThat(engine.undoEntries()).isZero(); // nothing is recorded while no snapshot is open
      GraphSnapshot older = engine.snapshot();
      patch(engine, "a", "/temperature", 3);
      GraphSnapshot newer = engine.snapshot();
      patch(engine, "a", "/temperature", 4);
      assertThat(engine.undoEntries()).isEqualTo(2);
      older.close();
      assertThat(engine.undoEntries()).isEqualTo(1); // the first replacement was needed by the older one only
      assertThat(newer.twin("a").json().get("temperature").asDouble()).isEqualTo(3);
      newer.close();
      assertThat(engine.undoEntries()).isZero();
      assertThat(engine.openSnapshots()).isZero();
      older.close(); // closing twice is harmless
    }
  }

  @Test
  void readingAClosedSnapshotFailsFast() {
    try (TwinEngine engine = engine()) {
      GraphSnapshot s = engine.snapshot();
      Iterator<String> ids = s.twinIds("", null);
      s.close();
      assertThatThrownBy(() -> s.twin("a")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
      assertThatThrownBy(ids::hasNext).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aSnapshotOlderThanItsMaximumAgeFailsWithSnapshotExpired() {
    MutableClock clock = new MutableClock();
    try (TwinEngine engine = TwinEngine.open(io.doppel.twin.spi.TwinStore.inMemory(), clock)) {
      engine.addModels(Fixtures.models());
      engine.putTwin("a", Fixtures.room(1), NONE);
      GraphSnapshot s = engine.snapshot(Duration.ofMinutes(5));
      Iterator<String> ids = s.twinIds("", null);
      assertThat(s.twin("a")).isNotNull();
      clock.advance(Duration.ofMinutes(5));
      assertThatThrownBy(() -> s.twin("a")).isInstanceOfSatisfying(DoppelException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.SNAPSHOT_EXPIRED);
        assertThat(e.getMessage()).contains("maximum age");
      });
      assertThatThrownBy(ids::hasNext).isInstanceOfSatisfying(DoppelException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.SNAPSHOT_EXPIRED));
      assertThat(engine.openSnapshots()).isZero();
      assertThatThrownBy(() -> engine.snapshot(Duration.ZERO)).isInstanceOf(DoppelException.class);
    }
  }

  @Test
  void theWriterExpiresALeakedSnapshotAndDropsItsUndoEntries() {
    MutableClock clock = new MutableClock();
    try (TwinEngine engine = TwinEngine.open(io.doppel.twin.spi.TwinStore.inMemory(), clock)) {
      engine.addModels(Fixtures.models());
      engine.putTwin("a", Fixtures.room(1), NONE);
      GraphSnapshot leaked = engine.snapshot(Duration.ofSeconds(30));
      GraphSnapshot kept = engine.snapshot(Duration.ofHours(1));
      patch(engine, "a", "/temperature", 2);
      kept.close();
      assertThat(engine.undoEntries()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(31));
      patch(engine, "a", "/temperature", 3); // nobody reads the leaked snapshot: the writer expires it
      assertThat(engine.openSnapshots()).isZero();
      assertThat(engine.undoEntries()).isZero();
      assertThatThrownBy(() -> leaked.twinCount()).isInstanceOfSatisfying(DoppelException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.SNAPSHOT_EXPIRED));
      for (int i = 0; i < 10; i++) {
        patch(engine, "a", "/temperature", i);
      }
      assertThat(engine.undoEntries()).isZero();
    }
  }

  @Test
  void writesOutgrowingTheUndoCapExpireTheOldestSnapshotFirst() {
    try (TwinEngine engine = engine()) {
      engine.maxUndoEntries(5);
      engine.putTwin("a", Fixtures.room(1), NONE);
      GraphSnapshot oldest = engine.snapshot();
      patch(engine, "a", "/temperature", 2);
      patch(engine, "a", "/temperature", 3);
      GraphSnapshot newer = engine.snapshot();
      for (int i = 0; i < 3; i++) {
        patch(engine, "a", "/temperature", 10 + i);
      }
      assertThat(engine.openSnapshots()).isEqualTo(2); // 5 entries: at the cap, not over it
      patch(engine, "a", "/temperature", 20);
      assertThat(engine.openSnapshots()).isEqualTo(1); // 6 entries: the oldest snapshot had to go, and its 2 with it
      assertThat(engine.undoEntries()).isEqualTo(4);
      assertThatThrownBy(oldest::twinCount).isInstanceOfSatisfying(DoppelException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.SNAPSHOT_EXPIRED));
      assertThat(newer.twin("a").json().get("temperature").asDouble()).isEqualTo(3);
      newer.close();
      assertThat(engine.undoEntries()).isZero();
    }
  }

  @Test
  void indexDefinitionsSurviveReopeningTheStoreAndTheirContentsAreRebuilt() {
    io.doppel.twin.spi.TwinStore store = io.doppel.twin.spi.TwinStore.inMemory();
    try (TwinEngine engine = TwinEngine.open(store)) {
      engine.addModels(Fixtures.models());
      engine.createIndex("temperature");
      engine.createIndex("name");
      engine.dropIndex("name");
      engine.putTwin("r1", Fixtures.room(30), NONE);
      engine.putTwin("r2", Fixtures.room(10), NONE);
    }
    try (TwinEngine engine = TwinEngine.open(store); GraphSnapshot s = engine.snapshot()) {
      assertThat(engine.indexes()).containsExactly("temperature");
      assertThat(ids(s.indexRange("temperature", new IndexRange(new IndexValue.Num(5), true, null, false), null)))
          .containsExactly("r2", "r1");
    }
  }

  @Test
  void theBuilderLeavesAloneTwinsTheWriterChangedSinceTheIndexStarted() {
    Graph graph = new Graph();
    graph.putTwin(new TwinState("x", new Dtmi(Fixtures.ROOM), 5, TwinCodec.encode(Fixtures.room(1)), null));
    PropertyIndex index = new PropertyIndex(IndexPath.parse("temperature"), graph.snapshots(),
        PropertyIndex.State.BUILDING);
    index.fill("x", new IndexValue.Num(99), graph, 3); // built as of version 3: x changed at 5, the writer owns it
    index.fill("gone", new IndexValue.Num(99), graph, 3); // deleted since
    assertThat(index.size()).isZero();
    index.fill("x", new IndexValue.Num(1), graph, 5);
    index.fill("x", new IndexValue.Num(2), graph, 5); // the writer's (or a first fill's) value is never overwritten
    assertThat(index.valueAt("x", 5)).isEqualTo(new IndexValue.Num(1));
  }

  private static List<String> ids(Iterator<IndexEntry> entries) {
    return list(entries).stream().map(IndexEntry::twinId).toList();
  }
}
