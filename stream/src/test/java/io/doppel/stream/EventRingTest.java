package io.doppel.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventRingTest {
  private static StreamEvent event(long version, int textLength) {
    return new StreamEvent(version, EventType.TWIN_PATCHED, "t", Set.of(), null, null, null, "x".repeat(textLength));
  }

  private static List<Long> readFrom(EventRing ring, long position) {
    List<StreamEvent> out = new ArrayList<>();
    assertThat(ring.read(position, 100, out)).isNotNegative();
    return out.stream().map(StreamEvent::version).toList();
  }

  @Test
  void replaysEverythingAfterACursorExactlyAtTheFloor() {
    EventRing ring = new EventRing(3, Long.MAX_VALUE, 0);
    for (long v = 1; v <= 5; v++) {
      ring.append(event(v, 10));
    }
    assertThat(ring.floor()).isEqualTo(2);
    assertThat(readFrom(ring, ring.positionAfter(2))).containsExactly(3L, 4L, 5L);
    assertThat(readFrom(ring, ring.positionAfter(4))).containsExactly(5L);
    assertThat(readFrom(ring, ring.positionAfter(5))).isEmpty();
  }

  @Test
  void refusesACursorOneBelowTheFloorAsExpired() {
    EventRing ring = new EventRing(3, Long.MAX_VALUE, 0);
    for (long v = 1; v <= 5; v++) {
      ring.append(event(v, 10));
    }
    assertThatThrownBy(() -> ring.positionAfter(1))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CURSOR_EXPIRED);
          assertThat(e.details()).singleElement().satisfies(d -> assertThat(d.target()).isEqualTo("cursor"));
        });
  }

  @Test
  void aCursorBetweenVersionsResumesAtTheNextVersion() {
    EventRing ring = new EventRing(10, Long.MAX_VALUE, 0);
    ring.append(event(2, 1));
    ring.append(event(5, 1));
    ring.append(event(9, 1));
    assertThat(readFrom(ring, ring.positionAfter(6))).containsExactly(9L);
    assertThat(readFrom(ring, ring.positionAfter(0))).containsExactly(2L, 5L, 9L);
  }

  @Test
  void evictsByBytesBeforeTheCountIsReached() {
    long weight = event(1, 100).weight();
    EventRing ring = new EventRing(100, weight * 2, 0);
    for (long v = 1; v <= 4; v++) {
      ring.append(event(v, 100));
    }
    assertThat(ring.size()).isEqualTo(2);
    assertThat(ring.bytes()).isEqualTo(weight * 2);
    assertThat(ring.floor()).isEqualTo(2);
  }

  @Test
  void keepsTheNewestEventEvenWhenItAloneIsOverTheByteBudget() {
    EventRing ring = new EventRing(10, 10, 0);
    ring.append(event(1, 1000));
    assertThat(ring.size()).isEqualTo(1);
    assertThat(ring.newestVersion()).isEqualTo(1);
  }

  @Test
  void tellsAReaderOnAnEvictedPositionThatItFellOut() {
    EventRing ring = new EventRing(2, Long.MAX_VALUE, 0);
    ring.append(event(1, 1));
    long first = ring.positionAfter(0);
    ring.append(event(2, 1));
    ring.append(event(3, 1));
    assertThat(ring.read(first, 10, new ArrayList<>())).isEqualTo(-1);
  }

  @Test
  void raisingTheFloorForgetsEventsAtOrBelowIt() {
    EventRing ring = new EventRing(10, Long.MAX_VALUE, 0);
    for (long v = 1; v <= 4; v++) {
      ring.append(event(v, 1));
    }
    ring.raiseFloor(3);
    assertThat(ring.floor()).isEqualTo(3);
    assertThat(readFrom(ring, ring.positionAfter(3))).containsExactly(4L);
    assertThatThrownBy(() -> ring.positionAfter(2)).isInstanceOf(DoppelException.class);
  }

  @Test
  void dropsEventsAtOrBelowTheFloorAndOutOfOrderOnes() {
    EventRing ring = new EventRing(10, Long.MAX_VALUE, 5);
    ring.append(event(4, 1));
    ring.append(event(5, 1));
    ring.append(event(7, 1));
    ring.append(event(6, 1));
    assertThat(readFrom(ring, ring.positionAfter(5))).containsExactly(7L);
  }
}
