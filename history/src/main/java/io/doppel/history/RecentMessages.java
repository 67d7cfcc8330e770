package io.doppel.history;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The acknowledgements of the last telemetry messages that carried a {@code Message-Id}, so that a client retrying a
 * message (it timed out, the ack was lost) does not record its values twice. Bounded; kept in memory only.
 */
final class RecentMessages {
  private final Map<String, CompletableFuture<Void>> recent;

  RecentMessages(int capacity) {
    this.recent = new LinkedHashMap<>(1024, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Void>> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The ack of an earlier message with this id to this twin, or null after remembering {@code ack} for it. */
  synchronized @Nullable CompletableFuture<Void> putIfAbsent(String twinId, String messageId,
      CompletableFuture<Void> ack) {
    return recent.putIfAbsent(twinId + '\u0000' + messageId, ack);
  }

  /** Forgets a message whose write failed, so that its retry is written. */
  synchronized void forget(String twinId, String messageId, CompletableFuture<Void> ack) {
    recent.remove(twinId + '\u0000' + messageId, ack);
  }
}
