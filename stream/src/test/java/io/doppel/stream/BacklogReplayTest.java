package io.doppel.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A cursor below the ring is served from the backlog, then from the ring: every event once, in order. */
class BacklogReplayTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final TwinEngine engine = Plant.engine();
  /** A durable log's stand-in that is a real log: every event the engine publishes, kept in order. */
  private final Log log = new Log();
  private final AutoCloseable logging = engine.subscribe(log.events::add);
  private EventStream stream;

  /** The backlog over the kept events; it keeps everything after {@code floor}. */
  static final class Log implements EventBacklog {
    final List<TwinEvent> events = new CopyOnWriteArrayList<>();
    volatile long floor;
    volatile int reads;

    @Override
    public long replayableAfter() {
      return floor;
    }

    @Override
    public List<TwinEvent> read(long after, long upTo, int max) {
      reads++;
      List<TwinEvent> out = new ArrayList<>();
      for (TwinEvent e : events) {
        if (e.version() > after && e.version() <= upTo && out.size() < max) {
          out.add(e);
        }
      }
      return out;
    }
  }

  @AfterEach
  void close() throws Exception {
    if (stream != null) {
      stream.close();
    }
    logging.close();
    engine.close();
  }

  @Test
  void anOldCursorGetsTheBacklogThenTheRingWhileWritesGoOnAndTheRingEvicts() throws Exception {
    stream = EventStream.start(engine, StreamOptions.defaults().withRetainedEvents(16), log);
    Plant.twin(engine, "pump", Plant.PUMP);
    for (int i = 0; i < 600; i++) {
      Plant.patch(engine, "pump", "rpm", i);
    }
    await().atMost(PATIENCE).until(() -> stream.stats().newest() == engine.version());
    assertThat(stream.stats().floor()).isGreaterThan(500); // the ring holds only the newest 16
    long cursor = 3;
    RecordingSink sink = RecordingSink.reading();
    Subscription s = stream.open(SubscriptionRequest.parse(Map.of("cursor", List.of(Long.toString(cursor))), null),
        sink);
    Thread.ofVirtual().start(s::run);
    Thread writer = Thread.ofVirtual().start(() -> {
      for (int i = 0; i < 400; i++) {
        Plant.patch(engine, "pump", "rpm", 1000 + i); // the floor keeps rising during the replay
      }
    });
    writer.join();
    long last = engine.version();
    await().atMost(PATIENCE).until(() -> sink.closed.get() != null
        || (!sink.versions().isEmpty() && sink.versions().getLast() == last));
    assertThat(sink.closed.get()).isNull();
    List<Long> expected = log.events.stream().map(TwinEvent::version).filter(v -> v > cursor).toList();
    assertThat(sink.versions()).isEqualTo(expected);
    assertThat(log.reads).isPositive();
  }

  @Test
  void aReaderTheRingEvictsGoesOnFromTheBacklogInsteadOfBeingDropped() throws Exception {
    stream = EventStream.start(engine, StreamOptions.defaults().withRetainedEvents(4), log);
    Plant.twin(engine, "pump", Plant.PUMP);
    long cursor = engine.version();
    RecordingSink slow = RecordingSink.reading();
    Subscription s = stream.open(SubscriptionRequest.parse(Map.of("cursor", List.of(Long.toString(cursor))), null),
        slow);
    for (int i = 0; i < 200; i++) {
      Plant.patch(engine, "pump", "rpm", i); // before the reader even starts: the ring keeps 4 of them
    }
    await().atMost(PATIENCE).until(() -> stream.stats().newest() == engine.version());
    Thread.ofVirtual().start(s::run);
    long last = engine.version();
    await().atMost(PATIENCE).until(() -> slow.closed.get() != null
        || (!slow.versions().isEmpty() && slow.versions().getLast() == last));
    assertThat(slow.closed.get()).isNull();
    assertThat(slow.versions()).isEqualTo(log.events.stream().map(TwinEvent::version).filter(v -> v > cursor)
        .toList());
  }

  @Test
  void aCursorOlderThanTheBacklogKeepsIsStillExpired() {
    log.floor = 5;
    stream = EventStream.start(engine, StreamOptions.defaults().withRetainedEvents(2), log);
    Plant.twin(engine, "pump", Plant.PUMP);
    for (int i = 0; i < 10; i++) {
      Plant.patch(engine, "pump", "rpm", i);
    }
    await().atMost(PATIENCE).until(() -> stream.stats().newest() == engine.version());
    assertThatThrownBy(() -> stream.check(SubscriptionRequest.parse(Map.of("cursor", List.of("4")), null)))
        .isInstanceOfSatisfying(DoppelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CURSOR_EXPIRED));
    stream.check(SubscriptionRequest.parse(Map.of("cursor", List.of("5")), null)); // served from the backlog
  }
}
