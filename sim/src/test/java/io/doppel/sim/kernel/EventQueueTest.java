package io.doppel.sim.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {
  /** Reference ordering: time, then insertion sequence. */
  private record Entry(double time, long seq, int kind, long payload) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int c = Double.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  @Test
  void matchesAReferencePriorityQueueUnderInterleavedOffersAndPolls() {
    SplittableRandom random = new SplittableRandom(7);
    EventQueue queue = new EventQueue(1 << 20);
    PriorityQueue<Entry> reference = new PriorityQueue<>();
    long seq = 0;
    double now = 0;
    for (int step = 0; step < 200_000; step++) {
      if (reference.isEmpty() || random.nextInt(3) > 0) {
        // coarse times: many ties, which must leave in insertion order
        double time = now + random.nextInt(20);
        int kind = random.nextInt(EventQueue.MAX_KIND + 1);
        long payload = random.nextLong();
        assertThat(queue.offer(time, kind, payload)).isTrue();
        reference.add(new Entry(time, seq++, kind, payload));
      } else {
        Entry expected = reference.poll();
        assertThat(queue.poll()).isTrue();
        assertThat(queue.polledTime()).isEqualTo(expected.time());
        assertThat(queue.polledKind()).isEqualTo(expected.kind());
        assertThat(queue.polledPayload()).isEqualTo(expected.payload());
        now = expected.time();
      }
      assertThat(queue.size()).isEqualTo(reference.size());
    }
    while (!reference.isEmpty()) {
      assertThat(queue.poll()).isTrue();
      assertThat(queue.polledPayload()).isEqualTo(reference.poll().payload());
    }
    assertThat(queue.poll()).isFalse();
    assertThat(queue.peekTime()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void equalTimesLeaveInInsertionOrder() {
    EventQueue queue = new EventQueue(100);
    for (int i = 0; i < 50; i++) {
      queue.offer(5.0, 1, i);
    }
    for (int i = 0; i < 50; i++) {
      queue.poll();
      assertThat(queue.polledPayload()).isEqualTo(i);
    }
  }

  @Test
  void refusesEventsBeyondItsMaximum() {
    EventQueue queue = new EventQueue(3);
    assertThat(queue.offer(1, 0, 0)).isTrue();
    assertThat(queue.offer(2, 0, 0)).isTrue();
    assertThat(queue.offer(3, 0, 0)).isTrue();
    assertThat(queue.offer(4, 0, 0)).isFalse();
    assertThat(queue.size()).isEqualTo(3);
  }
}
