package io.doppel.sim.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelTest {
  @Test
  void stopsAtTheHorizonWithoutProcessingLaterEvents() {
    Kernel kernel = new Kernel(100);
    List<Double> seen = new ArrayList<>();
    kernel.scheduleAt(1, 0, 0);
    RunOutcome outcome = kernel.run((kind, payload) -> {
      seen.add(kernel.now());
      kernel.schedule(1, 0, 0);
    }, 10.5, Long.MAX_VALUE);
    assertThat(outcome.reason()).isEqualTo(StopReason.HORIZON);
    assertThat(outcome.endTime()).isEqualTo(10.5);
    assertThat(seen).hasSize(10).startsWith(1.0, 2.0).endsWith(10.0);
  }

  @Test
  void reportsDrainedWhenNoEventIsLeft() {
    Kernel kernel = new Kernel(100);
    kernel.scheduleAt(3, 0, 0);
    kernel.scheduleAt(2, 0, 0);
    RunOutcome outcome = kernel.run((kind, payload) -> {}, Double.POSITIVE_INFINITY, Long.MAX_VALUE);
    assertThat(outcome).isEqualTo(new RunOutcome(StopReason.DRAINED, 3, 2));
  }

  @Test
  void aRunawayModelStopsAtItsEventBudget() {
    Kernel kernel = new Kernel(100);
    kernel.scheduleAt(0, 0, 0);
    // zero delays forever: time never advances, only the budget stops it
    RunOutcome outcome = kernel.run((kind, payload) -> kernel.schedule(0, 0, 0), Double.POSITIVE_INFINITY, 5_000);
    assertThat(outcome.reason()).isEqualTo(StopReason.EVENT_BUDGET);
    assertThat(outcome.events()).isEqualTo(5_000);
  }

  @Test
  void aModelThatFloodsTheQueueStopsAtThePendingLimit() {
    Kernel kernel = new Kernel(1_000);
    kernel.scheduleAt(0, 0, 0);
    RunOutcome outcome = kernel.run((kind, payload) -> {
      kernel.schedule(1, 0, 0);
      kernel.schedule(2, 0, 0);
    }, Double.POSITIVE_INFINITY, Long.MAX_VALUE);
    assertThat(outcome.reason()).isEqualTo(StopReason.PENDING_EVENT_LIMIT);
    assertThat(kernel.pending()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void refusesEventsInThePastOrAtNaN() {
    Kernel kernel = new Kernel(10);
    kernel.scheduleAt(5, 0, 0);
    kernel.run((kind, payload) -> {
      assertThatThrownBy(() -> kernel.scheduleAt(4, 0, 0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> kernel.scheduleAt(Double.NaN, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }, 100, 10);
    assertThatThrownBy(() -> kernel.scheduleAt(6, EventQueue.MAX_KIND + 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aStreamDependsOnlyOnSeedReplicationAndStreamId() {
    assertThat(RandomStreams.stream(1, 2, 3).nextLong()).isEqualTo(RandomStreams.stream(1, 2, 3).nextLong());
    assertThat(RandomStreams.stream(1, 2, 3).nextLong()).isNotEqualTo(RandomStreams.stream(1, 3, 3).nextLong());
    assertThat(RandomStreams.stream(1, 2, 3).nextLong()).isNotEqualTo(RandomStreams.stream(1, 2, 4).nextLong());
    assertThat(RandomStreams.stream(1, 2, 3).nextLong()).isNotEqualTo(RandomStreams.stream(2, 2, 3).nextLong());
  }
}
