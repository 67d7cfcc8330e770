package io.doppel.stream;

import java.time.Duration;

/**
 * The stream's bounds.
 *
 * @param retainedEvents how many of the newest events the ring keeps for replay
 * @param retainedBytes the most encoded event text the ring keeps; whichever bound is hit first evicts
 * @param maxLag the most events a subscriber may be behind the newest before it is disconnected (a subscriber may
 *     ask for less, never more)
 * @param handoffCapacity events queued between the engine's writer and the dispatcher; past it events are lost
 *     and every subscriber that would miss them is disconnected rather than served a gap
 * @param heartbeat how long a connection may stay silent before a heartbeat is sent
 * @param closeGrace how long a disconnected subscriber has to take its close message before the connection is
 *     dropped
 */
public record StreamOptions(int retainedEvents, long retainedBytes, int maxLag, int handoffCapacity,
    Duration heartbeat, Duration closeGrace) {

  public StreamOptions {
    if (retainedEvents < 1 || retainedBytes < 1 || maxLag < 1 || handoffCapacity < 1) {
      throw new IllegalArgumentException("stream bounds must be positive");
    }
    if (heartbeat.isNegative() || heartbeat.isZero() || closeGrace.isNegative()) {
      throw new IllegalArgumentException("heartbeat must be positive and close grace not negative");
    }
  }

  /**
   * 100,000 events or 128 MiB retained, 50,000 events of lag (2.5 s at 20,000 changes/s: lag costs no memory, the
   * ring is shared, so the bound only ends a subscriber before it falls out of retention), a heartbeat every 15 s,
   * 10 s to take a close.
   */
  public static StreamOptions defaults() {
    return new StreamOptions(100_000, 128L << 20, 50_000, 65_536, Duration.ofSeconds(15), Duration.ofSeconds(10));
  }

  public StreamOptions withRetainedEvents(int events) {
    return new StreamOptions(events, retainedBytes, maxLag, handoffCapacity, heartbeat, closeGrace);
  }

  public StreamOptions withMaxLag(int lag) {
    return new StreamOptions(retainedEvents, retainedBytes, lag, handoffCapacity, heartbeat, closeGrace);
  }
}
