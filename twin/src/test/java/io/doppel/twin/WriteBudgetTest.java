package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriteBudgetTest {
  private final AtomicLong nanos = new AtomicLong();
  private final WriteBudget budget = new WriteBudget(8, nanos::get);

  private void seconds(double s) {
    nanos.addAndGet((long) (s * 1e9));
  }

  @Test
  void refusesPastTheLimitAndCountsWhatItShed() {
    assertThat(budget.tryAcquire(5)).isTrue();
    assertThat(budget.tryAcquire(3)).isTrue();
    assertThat(budget.tryAcquire(1)).isFalse();
    assertThat(budget.tryAcquire(2)).isFalse();
    assertThat(budget.pending()).isEqualTo(8);
    assertThat(budget.shedCount()).isEqualTo(3);
    budget.release(1);
    assertThat(budget.tryAcquire(1)).isTrue();
  }

  @Test
  void aBatchLargerThanTheLimitGoesThroughAloneButNotBesideOthers() {
    assertThat(budget.tryAcquire(20)).isTrue();
    budget.release(20);
    assertThat(budget.tryAcquire(1)).isTrue();
    assertThat(budget.tryAcquire(20)).isFalse();
    // the one holding that place asks for more: it is alone
    assertThat(budget.tryAcquire(20, 1)).isTrue();
    assertThat(budget.pending()).isEqualTo(21);
  }

  @Test
  void saturationLastsFromTheLimitDownToHalfOfItAndThenTellsTheListeners() {
    AtomicInteger reliefs = new AtomicInteger();
    budget.onRelief(reliefs::incrementAndGet);
    budget.acquire(7);
    assertThat(budget.saturated()).isFalse();
    budget.acquire(3); // forced past the limit: data already read
    assertThat(budget.saturated()).isTrue();
    assertThat(budget.pending()).isEqualTo(10);
    budget.release(5);
    assertThat(budget.saturated()).as("5 left, low water is 4").isTrue();
    assertThat(reliefs).hasValue(0);
    budget.release(1);
    assertThat(budget.saturated()).isFalse();
    assertThat(reliefs).hasValue(1);
    assertThat(budget.saturationCount()).isEqualTo(1);
    budget.release(4);
    assertThat(reliefs).as("told once per saturation").hasValue(1);
  }

  @Test
  void retryAfterIsThePendingWritesOverTheDrainRate() {
    assertThat(budget.retryAfterSeconds()).as("nothing measured yet").isEqualTo(1);
    budget.acquire(8);
    seconds(0.5);
    budget.release(2);
    seconds(0.5);
    budget.release(2); // 4 released in the first second: 4/s, 4 pending
    assertThat(budget.drainRate()).isEqualTo(4.0);
    assertThat(budget.retryAfterSeconds()).isEqualTo(1);
    budget.acquire(36); // 40 pending at 4/s
    assertThat(budget.retryAfterSeconds()).isEqualTo(10);
  }

  @Test
  void aStalledDrainAsksForTheLongestWaitAndAnIdleOneForTheShortest() {
    budget.acquire(8);
    seconds(0.5);
    budget.release(1);
    seconds(0.6);
    budget.release(1);
    seconds(2.5); // nothing made durable for over two seconds with writes waiting: a stalled disk
    assertThat(budget.drainRate()).isZero();
    assertThat(budget.retryAfterSeconds()).isEqualTo(WriteBudget.MAX_RETRY_AFTER_SECONDS);
    budget.release(6);
    seconds(10);
    assertThat(budget.drainRate()).as("idle: nothing waits").isEqualTo(-1);
    budget.acquire(1);
    budget.release(1);
    assertThat(budget.drainRate()).as("the first second after idling is not averaged with it").isEqualTo(-1);
    assertThat(budget.retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void countsMustBePositive() {
    assertThatThrownBy(() -> new WriteBudget(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> budget.tryAcquire(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
