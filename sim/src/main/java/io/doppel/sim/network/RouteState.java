package io.doppel.sim.network;

import io.doppel.sim.dist.Distribution;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/** A route with a transport delay or a watched call, inside one replication: its streams, breaker and counts. */
final class RouteState {
  final int index;
  final Route spec;
  final int target;
  final @Nullable Distribution delay;
  final @Nullable CallPolicy call;
  final @Nullable BreakerState breaker;
  final SplittableRandom delayRandom;
  final SplittableRandom backoffRandom;
  /**
   * A transfer from a station into a blocking one: the place there is booked when the part sets off, and the
   * part waits on its server upstream while none is free.
   */
  final boolean reservesRoom;

  long calls;
  long successes;
  long failures;
  long timeouts;
  long retries;
  long gaveUp;
  double successTimeSum;

  RouteState(int index, Route spec, int target, boolean reservesRoom, SplittableRandom delayRandom,
      SplittableRandom backoffRandom) {
    this.reservesRoom = reservesRoom;
    this.index = index;
    this.spec = spec;
    this.target = target;
    this.delay = spec.delay();
    this.call = spec.call();
    this.breaker = spec.breaker() == null ? null : new BreakerState(spec.breaker());
    this.delayRandom = delayRandom;
    this.backoffRandom = backoffRandom;
  }

  void resetStatistics(double now) {
    calls = 0;
    successes = 0;
    failures = 0;
    timeouts = 0;
    retries = 0;
    gaveUp = 0;
    successTimeSum = 0;
    if (breaker != null) {
      breaker.resetStatistics(now);
    }
  }

  RouteResult result(double end) {
    BreakerState b = breaker;
    return new RouteResult(index, spec.from(), spec.to(), calls, successes, failures, timeouts, retries, gaveUp,
        successes == 0 ? Double.NaN : successTimeSum / successes,
        b == null ? 0 : b.rejected, b == null ? 0 : b.opened, b == null ? 0 : b.halfOpened,
        b == null ? 0 : b.closed, b == null ? 0 : b.timeOpen(end));
  }
}
