package io.doppel.stream.routes;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What one delivery of a batch came to. Events are always delivered as a prefix of the batch, in order. */
sealed interface Attempt {
  /** Every event of the batch was taken. */
  record Delivered(int count) implements Attempt {}

  /**
   * The first {@code delivered} events were taken, the next one was not.
   *
   * @param retryable whether trying again may succeed (5xx, timeout, connection refused); when not, the next
   *     {@code rejected} events are parked as letters
   * @param retryAfter how long the endpoint asked to wait, if it did
   */
  record Failed(int delivered, String error, boolean retryable, int rejected, @Nullable Duration retryAfter)
      implements Attempt {
    static Failed retry(int delivered, String error) {
      return new Failed(delivered, error, true, 0, null);
    }

    static Failed reject(int delivered, int rejected, String error) {
      return new Failed(delivered, error, false, rejected, null);
    }
  }
}
