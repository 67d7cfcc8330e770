package io.doppel.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.TwinEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventStreamTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final TwinEngine engine = Plant.engine();
  private EventStream stream;

  @AfterEach
  void close() {
    if (stream != null) {
      stream.close();
    }
    engine.close();
  }

  private Subscription subscribe(Map<String, List<String>> params, EventSink sink) {
    Subscription s = stream.open(SubscriptionRequest.parse(params, null), sink);
    Thread.ofVirtual().start(s::run);
    return s;
  }

  private List<Long> patches(int n) {
    for (int i = 0; i < n; i++) {
      Plant.patch(engine, "pump", "rpm", i);
    }
    long last = engine.version();
    return LongStream.rangeClosed(last - n + 1, last).boxed().toList();
  }

  @Test
  void deliversLiveEventsThatPassTheFilterInVersionOrder() {
    stream = EventStream.start(engine, StreamOptions.defaults());
    Plant.twin(engine, "pump", Plant.PUMP);
    Plant.twin(engine, "room", Plant.ROOM);
    RecordingSink pumps = RecordingSink.reading();
    subscribe(Map.of("model", List.of(Plant.ASSET)), pumps);
    Plant.patch(engine, "room", "temperature", 20);
    List<Long> expected = patches(50);
    await().atMost(PATIENCE).until(() -> pumps.events.size() >= 50);
    assertThat(pumps.versions()).isEqualTo(expected);
  }

  @Test
  void replaysWhatAReconnectingSubscriberMissedThenGoesLive() {
    stream = EventStream.start(engine, StreamOptions.defaults());
    Plant.twin(engine, "pump", Plant.PUMP);
    List<Long> before = patches(5);
    long cursor = before.get(1);
    RecordingSink resumed = RecordingSink.reading();
    subscribe(Map.of("cursor", List.of(Long.toString(cursor))), resumed);
    List<Long> after = patches(3);
    await().atMost(PATIENCE).until(() -> resumed.events.size() >= 6);
    assertThat(resumed.versions()).containsExactly(before.get(2), before.get(3), before.get(4),
        after.get(0), after.get(1), after.get(2));
  }

  @Test
  void refusesACursorOlderThanRetentionButServesOneExactlyAtItsEdge() {
    stream = EventStream.start(engine, StreamOptions.defaults().withRetainedEvents(3));
    Plant.twin(engine, "pump", Plant.PUMP);
    List<Long> written = patches(6);
    await().atMost(PATIENCE).until(() -> stream.stats().newest() == written.get(5));
    long edge = stream.stats().floor();
    assertThat(edge).isEqualTo(written.get(2));
    assertThatThrownBy(() -> stream.open(SubscriptionRequest.parse(Map.of("cursor", List.of(
        Long.toString(edge - 1))), null), RecordingSink.reading()))
        .isInstanceOfSatisfying(DoppelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CURSOR_EXPIRED));
    RecordingSink atEdge = RecordingSink.reading();
    subscribe(Map.of("cursor", List.of(Long.toString(edge))), atEdge);
    await().atMost(PATIENCE).until(() -> atEdge.events.size() >= 3);
    assertThat(atEdge.versions()).isEqualTo(written.subList(3, 6));
  }

  @Test
  void refusesACursorAheadOfTheEngine() {
    stream = EventStream.start(engine, StreamOptions.defaults());
    long ahead = engine.version() + 10;
    assertThatThrownBy(() -> stream.check(SubscriptionRequest.parse(
        Map.of("cursor", List.of(Long.toString(ahead))), null)))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.details().get(0).target()).isEqualTo("cursor");
        });
  }

  @Test
  void aStalledSubscriberIsDisconnectedAsTooSlowWhileOthersKeepReceivingAndWritesGoOn() throws Exception {
    // Lag bound well above what a reading subscriber falls behind on a busy machine, well below what is written.
    stream = EventStream.start(engine, StreamOptions.defaults().withMaxLag(2000));
    Plant.twin(engine, "pump", Plant.PUMP);
    RecordingSink stalled = RecordingSink.stalled();
    RecordingSink reader = RecordingSink.reading();
    Subscription slow = subscribe(Map.of(), stalled);
    subscribe(Map.of(), reader);
    // Every write returns although one subscriber takes nothing: the engine's writer never waits for it.
    List<Long> written = patches(5000);
    await().atMost(PATIENCE).until(() -> reader.events.size() >= 5000);
    assertThat(reader.versions()).isEqualTo(written);
    await().atMost(PATIENCE).until(() -> stream.stats().tooSlowDisconnects() == 1);
    stalled.resume();
    await().atMost(PATIENCE).until(() -> stalled.closed.get() != null);
    assertThat(stalled.closed.get().kind()).isEqualTo(CloseReason.Kind.SUBSCRIBER_TOO_SLOW);
    assertThat(stalled.events.size()).isLessThan(5000);
    assertThat(slow.awaitEnd(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aSubscriberThatNeverTakesItsCloseIsDroppedAfterTheGrace() {
    StreamOptions options = new StreamOptions(1000, 1L << 20, 5, 1000, Duration.ofSeconds(15), Duration.ZERO);
    stream = EventStream.start(engine, options);
    Plant.twin(engine, "pump", Plant.PUMP);
    RecordingSink stalled = RecordingSink.stalled();
    subscribe(Map.of(), stalled);
    patches(1);
    // Only a subscriber stuck in a send needs dropping; one that falls behind before it starts just ends.
    await().atMost(PATIENCE).until(stalled.sending::get);
    patches(20);
    await().atMost(PATIENCE).until(stalled.aborted::get);
    await().atMost(PATIENCE).until(() -> stream.stats().subscribers() == 0);
  }

  @Test
  void eachEventIsTimedIntoTheRingAndEachDeliveredOneToTheTransport() {
    stream = EventStream.start(engine, StreamOptions.defaults());
    Plant.twin(engine, "pump", Plant.PUMP);
    Plant.twin(engine, "room", Plant.ROOM);
    RecordingSink pumps = RecordingSink.reading();
    subscribe(Map.of("model", List.of(Plant.ASSET)), pumps);
    await().atMost(PATIENCE).until(() -> stream.stats().subscribers() == 1);
    long before = stream.stages().toRing().snapshot().count();
    Plant.patch(engine, "room", "temperature", 20); // filtered out: in the ring, never sent
    patches(30);
    await().atMost(PATIENCE).until(() -> pumps.events.size() >= 30);
    await().atMost(PATIENCE).until(() -> stream.stages().toRing().snapshot().count() - before == 31);
    // Counted just after each send returns, so the last may trail the sink by a moment.
    await().atMost(PATIENCE).until(() -> stream.stages().toTransport().snapshot().count() == 30);
    await().atMost(PATIENCE).until(() -> stream.stages().flushing().snapshot().count() >= 1);
  }

  @Test
  void closingTheStreamTellsEverySubscriberTheServerIsStopping() {
    stream = EventStream.start(engine, StreamOptions.defaults());
    RecordingSink sink = RecordingSink.reading();
    Subscription s = subscribe(Map.of(), sink);
    await().atMost(PATIENCE).until(() -> stream.stats().subscribers() == 1);
    stream.close();
    assertThat(sink.closed.get()).isNotNull();
    assertThat(sink.closed.get().kind()).isEqualTo(CloseReason.Kind.SERVER_SHUTTING_DOWN);
    assertThat(s.cursor()).isEqualTo(engine.version());
    stream = null;
  }
}
