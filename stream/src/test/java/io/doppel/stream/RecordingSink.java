package io.doppel.stream;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** A sink that keeps what it got; a stalled one blocks in {@code send} like a client that stopped reading. */
final class RecordingSink implements EventSink {
  final List<StreamEvent> events = new CopyOnWriteArrayList<>();
  final AtomicReference<@Nullable CloseReason> closed = new AtomicReference<>();
  final AtomicBoolean aborted = new AtomicBoolean();
  /** Set once a send has begun: the subscription's thread is now (for a stalled sink) blocked in it. */
  final AtomicBoolean sending = new AtomicBoolean();
  private final CountDownLatch release;

  private RecordingSink(CountDownLatch release) {
    this.release = release;
  }

  static RecordingSink reading() {
    return new RecordingSink(new CountDownLatch(0));
  }

  /** Blocks in {@code send} until {@link #resume()}, or until aborted. */
  static RecordingSink stalled() {
    return new RecordingSink(new CountDownLatch(1));
  }

  void resume() {
    release.countDown();
  }

  List<Long> versions() {
    return events.stream().map(StreamEvent::version).toList();
  }

  @Override
  public void send(StreamEvent event) throws IOException {
    sending.set(true);
    try {
      release.await();
    } catch (InterruptedException e) {
      throw new IOException("interrupted", e);
    }
    if (aborted.get()) {
      throw new IOException("aborted");
    }
    events.add(event);
  }

  @Override
  public void flush() {}

  @Override
  public void heartbeat() {}

  @Override
  public void close(CloseReason reason) {
    closed.set(reason);
  }

  @Override
  public void abort() {
    aborted.set(true);
    release.countDown();
  }
}
