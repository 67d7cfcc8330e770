package io.doppel.server;

import java.time.Duration;

/**
 * How many writes the server takes in before it sheds load, and how its engine commits.
 *
 * @param maxPendingWrites writes (twin writes through the API, ingested messages) taken in and not yet durable, at
 *     most: past it HTTP writes are answered 429 {@code OVERLOADED} with {@code Retry-After}, and the MQTT endpoint
 *     and Kafka connectors stop reading until half of it is left
 * @param commitDelay how long the engine's writer waits after each durable commit (0: none), see
 *     {@link io.doppel.twin.TwinEngine#open(io.doppel.twin.spi.TwinStore, java.time.Clock, Duration)}
 * @param maxQueuedScenarioRuns scenario runs (and calibrations) of one tenant waiting for the scenario thread, at
 *     most: past it a run is answered 429 {@code SCENARIO_QUEUE_FULL} with {@code Retry-After}
 */
public record AdmissionOptions(int maxPendingWrites, Duration commitDelay, int maxQueuedScenarioRuns) {
  /**
   * Below the engine's own bound of unanswered writes (32,768), so that callers are refused before any of them
   * would wait for room, and enough for a few group commits' worth of writes at full speed.
   */
  public static final int DEFAULT_MAX_PENDING_WRITES = 10_000;
  /**
   * Each waiting run holds a copy of its graph: enough for a team queueing its what-ifs, few enough that the copies
   * of a large graph fit the heap.
   */
  public static final int DEFAULT_MAX_QUEUED_SCENARIO_RUNS = 16;

  public AdmissionOptions {
    if (maxPendingWrites < 1) {
      throw new IllegalArgumentException("the pending write limit must be at least 1, was " + maxPendingWrites);
    }
    if (commitDelay.isNegative()) {
      throw new IllegalArgumentException("the commit delay must not be negative, was " + commitDelay);
    }
    if (maxQueuedScenarioRuns < 1) {
      throw new IllegalArgumentException("the scenario run queue must hold at least 1 run, was "
          + maxQueuedScenarioRuns);
    }
  }

  public AdmissionOptions(int maxPendingWrites, Duration commitDelay) {
    this(maxPendingWrites, commitDelay, DEFAULT_MAX_QUEUED_SCENARIO_RUNS);
  }

  public static AdmissionOptions defaults() {
    return new AdmissionOptions(DEFAULT_MAX_PENDING_WRITES, Duration.ZERO);
  }

  public AdmissionOptions withMaxPendingWrites(int limit) {
    return new AdmissionOptions(limit, commitDelay, maxQueuedScenarioRuns);
  }

  public AdmissionOptions withCommitDelay(Duration delay) {
    return new AdmissionOptions(maxPendingWrites, delay, maxQueuedScenarioRuns);
  }

  public AdmissionOptions withMaxQueuedScenarioRuns(int limit) {
    return new AdmissionOptions(maxPendingWrites, commitDelay, limit);
  }
}
