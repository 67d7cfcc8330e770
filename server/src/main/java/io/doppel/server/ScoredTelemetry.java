package io.doppel.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.history.TelemetryListener;
import io.doppel.predict.anomaly.LiveAnomalies;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores durable telemetry for anomalies on a thread of its own, then hands each message to the listeners that
 * come after the scoring (the rules, which read a value's score). The history's writer only queues here: scoring
 * on the writer took a third of that single thread under MQTT load. When scoring falls behind by the whole queue
 * the writer waits (as it did when it scored itself), so nothing is dropped and the order stays the writer's.
 */
final class ScoredTelemetry implements TelemetryListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScoredTelemetry.class);
  private static final int QUEUED = 65_536;

  private record Recorded(String twinId, @Nullable String component, ObjectNode message) {}

  private final LiveAnomalies anomalies;
  private final BlockingQueue<Recorded> queue = new ArrayBlockingQueue<>(QUEUED);
  private final List<TelemetryListener> after = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean closed;

  ScoredTelemetry(LiveAnomalies anomalies) {
    this.anomalies = anomalies;
    this.thread = Thread.ofPlatform().name("doppel-anomalies").daemon(true).start(this::run);
  }

  /** Registers a listener told of each message once it is scored, in the order the history recorded them. */
  void then(TelemetryListener listener) {
    after.add(listener);
  }

  /** On the history's writer thread: queue, waiting only while the queue is full. */
  @Override
  public void recorded(String twinId, @Nullable String component, ObjectNode message) {
    Recorded item = new Recorded(twinId, component, message);
    try {
      while (!closed && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
        // scoring is a whole queue behind: the writer slows down rather than values being lost
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (!closed || !queue.isEmpty()) {
      Recorded r;
      try {
        r = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (r == null) {
        continue;
      }
      try {
        anomalies.telemetry(r.twinId(), r.component(), r.message(), null);
      } catch (RuntimeException e) {
        LOG.error("scoring the telemetry of {} failed", r.twinId(), e); // the rules still get the message
      }
      for (TelemetryListener listener : after) {
        listener.recorded(r.twinId(), r.component(), r.message());
      }
    }
  }

  /** Scores what is queued, then stops. */
  @Override
  public void close() {
    closed = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
