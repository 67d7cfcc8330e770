package io.doppel.ingest.mqtt;

import io.doppel.ingest.Outcome;
import java.util.ArrayDeque;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The QoS 1 publishes of one connection not yet acknowledged, in arrival order. MQTT requires PUBACKs in the order
 * the PUBLISHes came, while the ingestor may finish them out of order (different twins, telemetry beside patches):
 * an outcome is recorded when known and acknowledged once everything before it is. Confined to the connection's
 * event loop.
 */
final class PendingAcks {
  static final class Entry {
    final int packetId;
    @Nullable Outcome outcome;

    Entry(int packetId) {
      this.packetId = packetId;
    }
  }

  private final ArrayDeque<Entry> queue = new ArrayDeque<>();

  Entry add(int packetId) {
    Entry entry = new Entry(packetId);
    queue.addLast(entry);
    return entry;
  }

  int size() {
    return queue.size();
  }

  /** Records {@code entry}'s outcome, then hands every acknowledgeable entry from the head to {@code ack}. */
  int complete(Entry entry, Outcome outcome, BiConsumer<Integer, Outcome> ack) {
    entry.outcome = outcome;
    int acked = 0;
    while (!queue.isEmpty() && queue.peekFirst().outcome != null) {
      Entry head = queue.pollFirst();
      ack.accept(head.packetId, head.outcome);
      acked++;
    }
    return acked;
  }
}
