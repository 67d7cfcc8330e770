package io.doppel.ingest.mqtt;

import io.netty.channel.EventLoop;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Brings work done on other threads (the history writer completing a batch of messages) back to a connection's
 * event loop with one task per burst instead of one per message: each task from outside the loop may wake its
 * selector (a system call), which cost the history writer a fifth of its time when every PUBACK was its own task.
 * Items run in the order they were handed over, then {@code afterBurst} runs once (the PUBACKs' single flush).
 */
final class LoopHandOff<T> {
  private final EventLoop loop;
  private final Consumer<T> handler;
  private final Runnable afterBurst;
  private final Queue<T> items = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable drain = this::drain;

  LoopHandOff(EventLoop loop, Consumer<T> handler, Runnable afterBurst) {
    this.loop = loop;
    this.handler = handler;
    this.afterBurst = afterBurst;
  }

  /** From any thread: {@code item} is handled on the loop, after every item handed over before it. */
  void handOver(T item) {
    items.add(item);
    if (scheduled.compareAndSet(false, true)) {
      loop.execute(drain);
    }
  }

  private void drain() {
    // Cleared before polling: an item added after the last poll then schedules a drain of its own.
    scheduled.set(false);
    T item;
    while ((item = items.poll()) != null) {
      handler.accept(item);
    }
    afterBurst.run();
  }
}
