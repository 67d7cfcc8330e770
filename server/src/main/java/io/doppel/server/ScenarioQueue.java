package io.doppel.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs of one tenant waiting for the scenario thread, in the order they will start, at most {@code limit} of
 * them. Each waiting run holds its copied graph, so an unbounded queue would let callers fill the heap; past the
 * limit a run is refused with 429 {@code SCENARIO_QUEUE_FULL} before its graph is copied. A place is taken before
 * the (costly) copy and given back if the copy fails, so concurrent submissions cannot overshoot the limit.
 */
final class ScenarioQueue {
  /** Before any run has finished, the guess at how long until a place frees up. */
  static final long UNKNOWN_RETRY_SECONDS = 10;
  static final long MAX_RETRY_SECONDS = 300;

  private final int limit;
  private final List<ScenarioRun> waiting = new ArrayList<>();
  private int reserved;
  private long lastRunMillis = -1;

  ScenarioQueue(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("the scenario run queue must hold at least 1 run, was " + limit);
    }
    this.limit = limit;
  }

  /** Takes a place for a run about to be prepared, or refuses it when every place is taken. */
  synchronized void reserve() {
    if (waiting.size() + reserved >= limit) {
      long seconds = retryAfterSeconds();
      throw new ApiFailure(ApiFailure.Code.SCENARIO_QUEUE_FULL, limit + " scenario runs are already waiting"
          + " (--max-queued-scenario-runs " + limit + "); retry after " + seconds + " s, or cancel a queued run",
          List.of(new io.doppel.twin.DoppelException.Detail(ApiFailure.Code.SCENARIO_QUEUE_FULL.name(),
              "Retry-After", Long.toString(seconds))), seconds);
    }
    reserved++;
  }

  /** Gives back a place whose run was never queued (its preparation failed). */
  synchronized void unreserve() {
    reserved--;
  }

  /** The reserved place becomes the run's, at the end of the line. */
  synchronized void enqueue(ScenarioRun run) {
    reserved--;
    waiting.add(run);
  }

  /** The run starts, or was cancelled while waiting: the runs behind it move up. */
  synchronized void leave(ScenarioRun run) {
    waiting.remove(run);
  }

  /** 1 for the next run to start, 0 for a run not waiting. */
  synchronized int position(ScenarioRun run) {
    return waiting.indexOf(run) + 1;
  }

  /** A run ran for this long: the next place frees up about that long after a run starts. */
  synchronized void ran(Duration took) {
    lastRunMillis = took.toMillis();
  }

  private long retryAfterSeconds() {
    if (lastRunMillis < 0) {
      return UNKNOWN_RETRY_SECONDS;
    }
    return Math.clamp((lastRunMillis + 999) / 1000, 1, MAX_RETRY_SECONDS);
  }
}
