package io.doppel.ingest.mqtt;

import io.doppel.twin.WriteBudget;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops device connections from reading while the server's pending writes are at their limit, and lets them read
 * again at the low-water mark: with reading off, the socket's buffers fill and TCP slows the devices down, so an
 * overload costs the server nothing but those buffers. Each session decides on its own network thread, after handing
 * a message in, whether to pause; the relief comes from the thread that made writes durable and only hands each
 * paused session a task on its own thread.
 */
final class LoadPause implements AutoCloseable {
  private final WriteBudget budget;
  private final Set<MqttSession> paused = ConcurrentHashMap.newKeySet();
  private final AutoCloseable relief;

  LoadPause(WriteBudget budget) {
    this.budget = budget;
    this.relief = budget.onRelief(this::resumeAll);
  }

  /** Whether a session that just handed a message in should stop reading. */
  boolean overLimit() {
    return budget.saturated();
  }

  /** {@code session} stopped reading; resumed at once if the relief came before it was listed. */
  void paused(MqttSession session) {
    paused.add(session);
    if (!budget.saturated()) {
      resumeAll();
    }
  }

  /** A closed session no longer waits for relief. */
  void gone(MqttSession session) {
    paused.remove(session);
  }

  /** Sessions not reading now because of the load. */
  int pausedCount() {
    return paused.size();
  }

  private void resumeAll() {
    for (MqttSession session : paused) {
      if (paused.remove(session)) {
        session.resumeAfterLoad();
      }
    }
  }

  @Override
  public void close() {
    try {
      relief.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
