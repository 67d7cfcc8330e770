package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.twin.spi.TwinStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random sequences of writes with a snapshot opened at a random point: the snapshot, read after all the writes,
 * must equal an engine that replayed only the writes made before it opened. Seeded, so a failure replays exactly.
 */
class SnapshotReplayTest {
  private static final List<String> INDEXES = List.of("v", "temperature");
  private static final int IDS = 10;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25})
  void snapshotAtARandomPointEqualsAReplayOfTheWritesBeforeIt(long seed) {
    Random random = new Random(seed);
    List<Consumer<TwinEngine>> ops = new ArrayList<>();
    int count = 40 + random.nextInt(120);
    for (int i = 0; i < count; i++) {
      ops.add(randomOp(random));
    }
    int at = random.nextInt(count + 1);
    int otherAt = random.nextInt(count + 1);
    MutableClock clock = new MutableClock();
    try (TwinEngine live = open(clock)) {
      GraphSnapshot snapshot = null;
      GraphSnapshot other = null;
      for (int i = 0; i <= count; i++) {
        if (i == at) {
          snapshot = live.snapshot();
        }
        if (i == otherAt) {
          other = live.snapshot(); // another snapshot, opened and closed elsewhere, must not disturb this one
        }
        if (i == (at + otherAt) / 2 + 3 && other != null) {
          other.close();
        }
        if (i < count) {
          applyRefusalsIgnored(live, ops.get(i));
        }
      }
      try (TwinEngine replay = open(clock)) {
        for (Consumer<TwinEngine> op : ops.subList(0, at)) {
          applyRefusalsIgnored(replay, op);
        }
        SnapshotReference.capture(replay).assertMatches(snapshot, INDEXES);
      }
      snapshot.close();
      if (other != null) {
        other.close();
      }
      assertThat(live.undoEntries()).isZero();
    }
  }

  private static TwinEngine open(MutableClock clock) {
    TwinEngine engine = TwinEngine.open(TwinStore.inMemory(), clock);
    engine.addModels(Fixtures.models());
    engine.addModels(SnapshotReference.flexModels());
    INDEXES.forEach(engine::createIndex);
    return engine;
  }

  private static void applyRefusalsIgnored(TwinEngine engine, Consumer<TwinEngine> op) {
    try {
      op.accept(engine);
    } catch (DoppelException refused) {
      // Refusals (missing twin, twin still related...) are part of the sequence: both engines refuse alike.
    }
  }

  private static Consumer<TwinEngine> randomOp(Random random) {
    String flex = "flex-" + random.nextInt(IDS);
    String room = "room-" + random.nextInt(IDS);
    String other = "room-" + random.nextInt(IDS);
    int n = random.nextInt(40);
    Object value = switch (random.nextInt(5)) {
      case 0 -> n;
      case 1 -> n + 0.5;
      case 2 -> "s" + n % 4;
      case 3 -> n % 2 == 0;
      default -> null;
    };
    String doomed = random.nextBoolean() ? flex : room;
    Precondition none = Precondition.none();
    return switch (random.nextInt(8)) {
      case 0, 1 -> e -> e.putTwin(flex, SnapshotReference.flex(value), none);
      case 2 -> e -> e.putTwin(room, Fixtures.room(n), none);
      case 3 -> e -> e.patchTwin(room,
          Fixtures.patch("[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":" + n + "}]"), none);
      case 4 -> e -> e.deleteTwin(doomed, none);
      case 5 -> e -> e.putRelationship(room, "n" + n % 3, Fixtures.relationship("near", other), none);
      case 6 -> e -> e.deleteRelationship(room, "n" + n % 3, none);
      default -> e -> e.patchTwin(room, Fixtures.patch("[{\"op\":\"remove\",\"path\":\"/temperature\"}]"), none);
    };
  }
}
