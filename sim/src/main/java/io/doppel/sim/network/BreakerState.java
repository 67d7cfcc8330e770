package io.doppel.sim.network;

/**
 * A circuit breaker's state inside one replication. Open turns half-open lazily, at the first call at or after the
 * end of the open period; the time open is counted to that end, so no event is needed for it.
 */
final class BreakerState {
  private static final int CLOSED = 0;
  private static final int OPEN = 1;
  private static final int HALF_OPEN = 2;

  private final CircuitBreaker spec;
  /** Times of the most recent failures (count mode), or outcomes of the last calls (ratio mode), as a ring. */
  private final double[] failureTimes;
  private final boolean[] outcomes;
  private int ringNext;
  private int ringSize;
  private int windowFailures;

  private int state = CLOSED;
  private double openedAt;
  private double openUntil;
  private int trialsLeft;
  private int trialSuccesses;

  long opened;
  long halfOpened;
  long closed;
  long rejected;
  private double timeOpen;
  private double statisticsStart;

  BreakerState(CircuitBreaker spec) {
    this.spec = spec;
    failureTimes = spec.byRatio() ? new double[0] : new double[spec.failures()];
    outcomes = spec.byRatio() ? new boolean[spec.calls()] : new boolean[0];
  }

  /** Whether a call may go through now; a rejected one is counted. */
  boolean allow(double now) {
    if (state == OPEN && now >= openUntil) {
      timeOpen += Math.max(0, openUntil - Math.max(openedAt, statisticsStart));
      state = HALF_OPEN;
      halfOpened++;
      trialsLeft = spec.halfOpenCalls();
      trialSuccesses = 0;
    }
    if (state == CLOSED) {
      return true;
    }
    if (state == HALF_OPEN && trialsLeft > 0) {
      trialsLeft--;
      return true;
    }
    rejected++;
    return false;
  }

  /** The outcome of a call that went through. */
  void record(boolean success, double now) {
    switch (state) {
      case HALF_OPEN -> {
        if (!success) {
          open(now);
        } else if (++trialSuccesses >= spec.halfOpenCalls()) {
          state = CLOSED;
          closed++;
          ringNext = 0;
          ringSize = 0;
          windowFailures = 0;
        }
      }
      case CLOSED -> {
        if (spec.byRatio()) {
          recordRatio(success, now);
        } else if (!success) {
          recordFailure(now);
        }
      }
      default -> {
        // outcomes of calls let through before the breaker opened change nothing while it is open
      }
    }
  }

  private void recordFailure(double now) {
    int n = failureTimes.length;
    failureTimes[ringNext] = now;
    ringNext = (ringNext + 1) % n;
    ringSize = Math.min(n, ringSize + 1);
    // the oldest of the last n failures is the one about to be overwritten next
    if (ringSize == n && now - failureTimes[ringNext] <= spec.window()) {
      open(now);
    }
  }

  private void recordRatio(boolean success, double now) {
    int n = outcomes.length;
    if (ringSize == n && !outcomes[ringNext]) {
      windowFailures--;
    }
    outcomes[ringNext] = success;
    if (!success) {
      windowFailures++;
    }
    ringNext = (ringNext + 1) % n;
    ringSize = Math.min(n, ringSize + 1);
    if (ringSize == n && windowFailures >= spec.ratio() * n - 1e-9) {
      open(now);
    }
  }

  private void open(double now) {
    state = OPEN;
    opened++;
    openedAt = now;
    openUntil = now + spec.openFor();
    ringNext = 0;
    ringSize = 0;
    windowFailures = 0;
  }

  void resetStatistics(double now) {
    opened = 0;
    halfOpened = 0;
    closed = 0;
    rejected = 0;
    timeOpen = 0;
    statisticsStart = now;
  }

  /** Time spent open since the statistics started, up to {@code end}. */
  double timeOpen(double end) {
    double t = timeOpen;
    if (state == OPEN) {
      t += Math.max(0, Math.min(end, openUntil) - Math.max(openedAt, statisticsStart));
    }
    return t;
  }
}
