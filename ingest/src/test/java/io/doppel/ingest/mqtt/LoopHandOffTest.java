package io.doppel.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopHandOffTest {
  @Test
  void handlesEveryItemOnTheLoopInOrderAndEndsEachBurstAfterItsItems() throws Exception {
    EventLoop loop = new DefaultEventLoop();
    try {
      int n = 20_000;
      List<Integer> handled = new ArrayList<>(); // loop-confined
      List<Integer> handledAtBurstEnd = new ArrayList<>();
      List<Boolean> onLoop = new ArrayList<>();
      CountDownLatch allDone = new CountDownLatch(1);
      LoopHandOff<Integer> handOff = new LoopHandOff<>(loop, item -> {
        onLoop.add(loop.inEventLoop());
        handled.add(item);
      }, () -> {
        handledAtBurstEnd.add(handled.size());
        if (handled.size() == n) {
          allDone.countDown();
        }
      });
      Thread producer = Thread.ofPlatform().start(() -> {
        for (int i = 0; i < n; i++) {
          handOff.handOver(i);
        }
      });
      producer.join();
      assertThat(allDone.await(10, TimeUnit.SECONDS)).isTrue();
      loop.submit(() -> { }).get(10, TimeUnit.SECONDS);
      assertThat(handled).hasSize(n).isSorted();
      assertThat(onLoop).containsOnly(true);
      // every burst end came after items, and the last one after all of them
      assertThat(handledAtBurstEnd).isSorted().last().isEqualTo(n);
      assertThat(handledAtBurstEnd.size()).isLessThanOrEqualTo(n);
    } finally {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
