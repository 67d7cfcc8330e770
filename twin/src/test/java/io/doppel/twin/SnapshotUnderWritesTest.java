package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Snapshots read by one thread while other threads keep patching, creating and deleting twins and relationships. */
class SnapshotUnderWritesTest {
  private static final List<String> INDEXES = List.of("temperature", "thermostat.setpoint", "v", "name");
  private static final int ROOMS = 120;
  private static final int FLEX = 80;

  @Test
  void snapshotReadsAndIteratorsDoNotMoveWhileWritersChangeEverything() throws Exception {
    try (TwinEngine engine = TwinEngine.inMemory()) {
      populate(engine);
      INDEXES.forEach(engine::createIndex);
      GraphSnapshot snapshot = engine.snapshot();
      SnapshotReference reference = SnapshotReference.capture(engine);

      AtomicInteger applied = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(3);
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        int seed = w;
        writers.add(pool.submit(() -> write(engine, new Random(seed), seed, 700, applied)));
      }
      int checks = 0;
      try {
        // Keep checking while the writers run; then once more on the final state.
        while (!writers.stream().allMatch(Future::isDone) || checks == 0) {
          reference.assertMatches(snapshot, INDEXES);
          checks++;
        }
        for (Future<?> f : writers) {
          f.get();
        }
        reference.assertMatches(snapshot, INDEXES);
      } finally {
        pool.shutdown();
      }
      assertThat(applied.get()).as("writes applied while the snapshot was open").isGreaterThan(1000);
      assertThat(engine.version()).isGreaterThan(snapshot.version());
      assertThat(engine.twinCount()).isNotEqualTo(reference.twins.size());
      assertThat(engine.undoEntries()).isPositive();

      // A snapshot opened now sees the writers' results, read by the ordinary API.
      try (GraphSnapshot later = engine.snapshot()) {
        SnapshotReference.capture(engine).assertMatches(later, INDEXES);
      }
      snapshot.close();
      assertThat(engine.undoEntries()).isZero();
      assertThat(engine.openSnapshots()).isZero();
    }
  }

  @Test
  void anIndexCreatedWhileWritersRunIsExactOnceReady() throws Exception {
    try (TwinEngine engine = TwinEngine.inMemory()) {
      populate(engine);
      AtomicInteger applied = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int seed = 10 + w;
        writers.add(pool.submit(() -> write(engine, new Random(seed), seed, 600, applied)));
      }
      int rounds = 0;
      while (!writers.stream().allMatch(Future::isDone) || rounds == 0) {
        String path = INDEXES.get(rounds % INDEXES.size());
        engine.dropIndex(path);
        engine.createIndex(path);
        try (GraphSnapshot snapshot = engine.snapshot()) {
          // The reference is the snapshot's own twins: the index must say exactly what their documents say.
          SnapshotReference fromTwins = SnapshotReference.fromSnapshot(snapshot);
          fromTwins.assertIndexMatches(snapshot, path);
        }
        rounds++;
      }
      for (Future<?> f : writers) {
        f.get();
      }
      pool.shutdown();
      assertThat(engine.indexes()).containsAnyElementsOf(INDEXES);
      assertThat(engine.undoEntries()).isZero();
    }
  }

  static void populate(TwinEngine engine) {
    engine.addModels(Fixtures.models());
    engine.addModels(SnapshotReference.flexModels());
    for (int i = 0; i < ROOMS; i++) {
      engine.putTwin("room-%03d".formatted(i), Fixtures.room(i % 40), Precondition.none());
    }
    for (int i = 0; i < FLEX; i++) {
      Object v = switch (i % 3) {
        case 0 -> i % 7;
        case 1 -> "s" + (i % 5);
        default -> i % 2 == 0;
      };
      engine.putTwin("flex-%03d".formatted(i), SnapshotReference.flex(v), Precondition.none());
    }
    for (int i = 0; i < 20; i++) {
      engine.putTwin("dev-%02d".formatted(i), Fixtures.device(i % 2 == 0 ? Fixtures.DEVICE : Fixtures.SMART_DEVICE),
          Precondition.none());
    }
    for (int i = 0; i < ROOMS; i += 3) {
      engine.putRelationship("room-%03d".formatted(i), "near-" + i,
          Fixtures.relationship("near", "room-%03d".formatted((i + 1) % ROOMS)), Precondition.none());
    }
    for (int i = 0; i < 20; i++) {
      engine.putRelationship("room-%03d".formatted(i * 2), "has-" + i,
          Fixtures.relationship("contains", "dev-%02d".formatted(i)), Precondition.none());
    }
  }

  /** Random writes of every kind; refusals (a twin deleted by another writer, still related...) are expected. */
  static void write(TwinEngine engine, Random random, int writer, int count, AtomicInteger applied) {
    for (int i = 0; i < count; i++) {
      String room = "room-%03d".formatted(random.nextInt(ROOMS));
      String flex = "flex-%03d".formatted(random.nextInt(FLEX));
      try {
        switch (random.nextInt(9)) {
          case 0, 1 -> engine.patchTwin(room, Fixtures.patch(
              "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":" + random.nextInt(60) + ".5}]"),
              Precondition.none());
          case 2 -> engine.patchTwin(room, Fixtures.patch(
              "[{\"op\":\"replace\",\"path\":\"/thermostat/setpoint\",\"value\":" + random.nextInt(30) + "}]"),
              Precondition.none());
          case 3 -> engine.putTwin(flex, SnapshotReference.flex(switch (random.nextInt(4)) {
            case 0 -> random.nextInt(9);
            case 1 -> "s" + random.nextInt(6);
            case 2 -> random.nextBoolean();
            default -> null;
          }), Precondition.none());
          case 4 -> engine.deleteTwin(random.nextBoolean() ? flex : room, Precondition.none());
          case 5 -> engine.putTwin("new-%d-%04d".formatted(writer, i), Fixtures.room(random.nextInt(50)),
              Precondition.none());
          case 6 -> engine.putRelationship(room, "near-" + random.nextInt(ROOMS),
              Fixtures.relationship("near", "room-%03d".formatted(random.nextInt(ROOMS))), Precondition.none());
          case 7 -> engine.deleteRelationship(room, "near-" + random.nextInt(ROOMS), Precondition.none());
          default -> engine.putTwin(room, Fixtures.room(random.nextInt(45)), Precondition.none());
        }
        applied.incrementAndGet();
      } catch (DoppelException expected) {
        // TWIN_NOT_FOUND, TWIN_HAS_RELATIONSHIPS, RELATIONSHIP_NOT_FOUND...: the race between writers, by design.
      }
    }
  }
}
