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

  /**
   * Grows past the calendar buckets' threshold and shrinks back below the heap's, several times, with ties, exact
   * repeats of the clock, peeks, and (in the second run, late) events earlier than the last one taken out, which
   * belong before every bucket: the order must be the reference's throughout, whichever structure holds the
   * events.
   */
  @Test
  void keepsTheReferenceOrderAcrossTheSwitchToTheCalendarAndBack() {
    for (boolean monotone : new boolean[] {true, false}) {
      SplittableRandom random = new SplittableRandom(monotone ? 11 : 12);
      EventQueue queue = new EventQueue(1 << 20);
      PriorityQueue<Entry> reference = new PriorityQueue<>();
      long seq = 0;
      double now = 0;
      for (int cycle = 0; cycle < 6; cycle++) {
        int peak = EventQueue.BUCKETED_ABOVE * (1 + cycle % 3) + random.nextInt(100);
        while (reference.size() < peak) {
          double time = random.nextInt(4) == 0 ? now : now + random.nextInt(50) * 0.25;
          if (!monotone && cycle >= 3 && random.nextInt(5000) == 0) {
            time = now - 1; // before the clock (a queue on its own allows it): into the heap, ahead of every bucket
          }
          long payload = random.nextLong();
          queue.offer(time, 1, payload);
          reference.add(new Entry(time, seq++, 1, payload));
          if (random.nextInt(3) == 0) {
            now = pollBoth(queue, reference);
          }
        }
        assertThat(queue.peekTime()).isEqualTo(reference.peek().time());
        while (reference.size() > EventQueue.HEAP_BELOW / 2) {
          now = pollBoth(queue, reference);
          if (random.nextInt(4) == 0) {
            double time = now + random.nextInt(8) * 0.5;
            queue.offer(time, 2, seq);
            reference.add(new Entry(time, seq++, 2, seq - 1));
          }
          assertThat(queue.size()).isEqualTo(reference.size());
        }
      }
      while (!reference.isEmpty()) {
        pollBoth(queue, reference);
      }
      assertThat(queue.poll()).isFalse();
    }
  }

  private static double pollBoth(EventQueue queue, PriorityQueue<Entry> reference) {
    Entry expected = reference.poll();
    assertThat(queue.poll()).isTrue();
    assertThat(queue.polledTime()).isEqualTo(expected.time());
    assertThat(queue.polledKind()).isEqualTo(expected.kind());
    assertThat(queue.polledPayload()).isEqualTo(expected.payload());
    return expected.time();
  }

  @Test
  void aQueueWithItsLaterEventsInBucketsRefusesMore() {
    EventQueue queue = new EventQueue(EventQueue.BUCKETED_ABOVE + 10);
    for (int i = 0; i < EventQueue.BUCKETED_ABOVE + 10; i++) {
      assertThat(queue.offer(i, 0, i)).isTrue();
    }
    assertThat(queue.offer(1, 0, 0)).isFalse();
    assertThat(queue.size()).isEqualTo(EventQueue.BUCKETED_ABOVE + 10);
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
