package io.doppel.ingest;

import io.doppel.ingest.spi.DeadLetter;
import org.jspecify.annotations.Nullable;

/**
 * What became of a message, known once it is durable either way: applied as {@code updates} twin updates, or kept
 * as {@code deadLetter}. A connector acknowledges the message (MQTT PUBACK, Kafka offset commit) only then.
 */
public record Outcome(int updates, @Nullable DeadLetter deadLetter) {
  public static Outcome applied(int updates) {
    return new Outcome(updates, null);
  }

  public static Outcome deadLettered(DeadLetter letter) {
    return new Outcome(0, letter);
  }

  public boolean isApplied() {
    return deadLetter == null;
  }
}
