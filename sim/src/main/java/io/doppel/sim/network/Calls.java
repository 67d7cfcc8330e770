package io.doppel.sim.network;

import io.doppel.sim.kernel.StopReason;

/**
 * Calls between services inside a replication: watched calls along a route (timeout, retries with backoff, circuit
 * breaker) and synchronous calls a station makes after service, whose caller waits for the reply. A customer row
 * carries the call it is on ({@link CustomerPool#call}), its caller ({@link CustomerPool#parent}) and whether its
 * caller has given up on it ({@link CustomerPool#orphan}).
 */
final class Calls {
  private Calls() {}

  /** One attempt along a route with a delay or a watched call. */
  static void send(QueueingRun run, int c, RouteState route, double now) {
    CustomerPool customers = run.customers();
    CallPolicy call = route.call;
    if (call != null) {
      route.calls++;
      customers.call[c] = route.index;
      BreakerState breaker = route.breaker;
      if (breaker != null && !breaker.allow(now)) {
        callFailed(run, c, route, now, false);
        return;
      }
      int seq = ++customers.callSeq[c];
      customers.callStart[c] = now;
      if (call.timeout() != Double.POSITIVE_INFINITY) {
        run.kernel().scheduleAt(now + call.timeout(), QueueingRun.CALL_TIMEOUT, ((long) seq << 32) | c);
      }
    }
    if (route.delay != null) {
      customers.state[c] = CustomerPool.IN_TRANSIT;
      customers.station[c] = route.target;
      run.kernel().scheduleAt(now + route.delay.sample(route.delayRandom), QueueingRun.TRANSIT_END, c);
    } else {
      run.arrive(c, route.target, now);
    }
  }

  /**
   * At a station that makes synchronous calls: the server is freed (unless the station holds it during its calls),
   * then the calls are made one after another, or all at once with a {@link FanOut}.
   */
  static void afterService(QueueingRun run, int c, StationState s, double now) {
    CustomerPool customers = run.customers();
    if (!s.holdsServer) {
      run.releaseServer(c, s, now);
      run.serveNext(s, now);
    }
    if (customers.orphan[c]) {
      s.wasted++;
      endOrphanCaller(run, c, s, now);
      return;
    }
    customers.state[c] = CustomerPool.CALLING;
    if (s.fanOut != null) {
      fanOut(run, c, s, now);
      return;
    }
    customers.callIndex[c] = 0;
    continueCalls(run, c, s, now);
  }

  /** Makes the customer's next synchronous call, or, with none left, ends its handling and routes it on. */
  private static void continueCalls(QueueingRun run, int c, StationState s, double now) {
    CustomerPool customers = run.customers();
    for (int k = customers.callIndex[c]; k < s.callTargets.length; k++) {
      double p = s.callProbability[k];
      if (p >= 1 || s.callRandom.nextDouble() < p) {
        int child = child(run, c);
        if (child < 0) {
          return;
        }
        customers.callIndex[c] = k + 1;
        run.forward(child, s.callTargets[k], s.callRoutes[k], now);
        return;
      }
    }
    callsDone(run, c, s, now);
  }

  /**
   * Sends all the calls at once. Every child is made and counted before the first is sent, because a call can fail
   * on the spot (a full queue, an open breaker) and must find the caller's counts complete.
   */
  private static void fanOut(QueueingRun run, int c, StationState s, double now) {
    CustomerPool customers = run.customers();
    int[] children = s.fanOutChildren;
    int made = 0;
    for (int k = 0; k < s.callTargets.length; k++) {
      double p = s.callProbability[k];
      if (p >= 1 || s.callRandom.nextDouble() < p) {
        int child = child(run, c);
        if (child < 0) {
          return;
        }
        // the child's own call index is free until it makes calls itself: it keeps the call's position till sent
        customers.callIndex[child] = k;
        children[made++] = child;
      }
    }
    if (made == 0) {
      callsDone(run, c, s, now);
      return;
    }
    customers.callsOut[c] = made;
    customers.repliesNeeded[c] = s.fanOut.repliesNeeded(made);
    for (int i = 0; i < made; i++) {
      int child = children[i];
      int k = customers.callIndex[child];
      run.forward(child, s.callTargets[k], s.callRoutes[k], now);
    }
  }

  /** A new customer row for one call of {@code caller}; -1 (the run halts) at the customer limit. */
  private static int child(QueueingRun run, int caller) {
    CustomerPool customers = run.customers();
    int child = customers.allocate();
    if (child < 0) {
      run.kernel().halt(StopReason.ENTITY_LIMIT);
      return -1;
    }
    customers.parent[child] = caller;
    customers.parentGeneration[child] = customers.generation[caller];
    customers.enteredNetwork[child] = run.kernel().now();
    return child;
  }

  /** The calls are done: the station's handling ends, a held server is freed, and the customer goes on. */
  private static void callsDone(QueueingRun run, int c, StationState s, double now) {
    CustomerPool customers = run.customers();
    s.handled++;
    s.handlingSum += now - customers.enteredStation[c];
    int call = customers.call[c];
    if (call >= 0) {
      succeeded(run, c, run.route(call), now);
    }
    if (s.holdsServer) {
      s.advance(now);
      run.releaseServer(c, s, now);
      run.serveNext(s, now);
    }
    run.routeOn(c, s, now);
  }

  /**
   * Whether the caller of {@code child} still waits for it: not when it has moved on since the call went out (a
   * parallel call beyond the quorum, or the caller failed on another call), which shows as a caller no longer
   * calling or a row reused (a new generation).
   */
  static boolean awaited(CustomerPool customers, int child) {
    int caller = customers.parent[child];
    return caller >= 0 && customers.state[caller] == CustomerPool.CALLING
        && customers.generation[caller] == customers.parentGeneration[child];
  }

  /** A synchronous call's journey ended: its caller carries on, unless the caller's own caller gave up on it. */
  static void replied(QueueingRun run, int caller, double now) {
    StationState s = run.stationOf(caller);
    CustomerPool customers = run.customers();
    if (customers.orphan[caller]) {
      endOrphanCaller(run, caller, s, now);
      return;
    }
    if (s.fanOut == null) {
      continueCalls(run, caller, s, now);
      return;
    }
    customers.callsOut[caller]--;
    if (--customers.repliesNeeded[caller] == 0) {
      callsDone(run, caller, s, now);
    }
  }

  /** A caller whose own caller gave up: it goes, and frees the server it held. */
  private static void endOrphanCaller(QueueingRun run, int c, StationState s, double now) {
    if (s.holdsServer) {
      s.advance(now);
      run.releaseServer(c, s, now);
      run.customers().release(c);
      run.serveNext(s, now);
    } else {
      run.customers().release(c);
    }
  }

  /**
   * A synchronous call failed: its caller fails too, freeing the server it held while waiting; a caller of parallel
   * calls only once too few are left out to make its quorum.
   */
  static void callerFailed(QueueingRun run, int caller, double now) {
    StationState s = run.stationOf(caller);
    CustomerPool customers = run.customers();
    if (s.fanOut != null && !customers.orphan[caller]
        && --customers.callsOut[caller] >= customers.repliesNeeded[caller]) {
      return;
    }
    if (s.holdsServer && run.customers().state[caller] == CustomerPool.CALLING) {
      s.advance(now);
      run.releaseServer(caller, s, now);
      run.failed(caller, now);
      run.serveNext(s, now);
    } else {
      run.failed(caller, now);
    }
  }

  static void succeeded(QueueingRun run, int c, RouteState route, double now) {
    CustomerPool customers = run.customers();
    route.successes++;
    route.successTimeSum += now - customers.callStart[c];
    if (route.breaker != null) {
      route.breaker.record(true, now);
    }
    customers.callSeq[c]++;
    customers.call[c] = -1;
  }

  /** The attempt failed: back off and send again while retries are left, else give up. */
  static void callFailed(QueueingRun run, int c, RouteState route, double now, boolean countsForBreaker) {
    CustomerPool customers = run.customers();
    route.failures++;
    if (countsForBreaker && route.breaker != null) {
      route.breaker.record(false, now);
    }
    customers.callSeq[c]++;
    CallPolicy call = route.call;
    if (customers.attempt[c] < call.retries()) {
      customers.attempt[c]++;
      route.retries++;
      customers.call[c] = route.index;
      customers.state[c] = CustomerPool.BACKING_OFF;
      run.kernel().scheduleAt(now + call.backoff().sample(route.backoffRandom), QueueingRun.RETRY, c);
    } else {
      route.gaveUp++;
      if (customers.parent[c] < 0) {
        run.network().gaveUp++;
      }
      run.lost(c, now);
    }
  }

  /** A watched call's timeout fired: live unless the attempt it watches has already ended. */
  static void timeout(QueueingRun run, int c, int seq) {
    CustomerPool customers = run.customers();
    if (customers.callSeq[c] != seq || customers.call[c] < 0) {
      return;
    }
    double now = run.kernel().now();
    RouteState route = run.route(customers.call[c]);
    route.timeouts++;
    int retry = continuation(run, c);
    // the attempt in flight stays where it is and is served for nothing
    customers.orphan[c] = true;
    customers.call[c] = -1;
    if (retry >= 0) {
      callFailed(run, retry, route, now, true);
    }
  }

  /** A new row carrying on the logical customer of {@code c} (whose row is still held at the target). */
  static int continuation(QueueingRun run, int c) {
    CustomerPool customers = run.customers();
    int next = customers.allocate();
    if (next < 0) {
      run.kernel().halt(StopReason.ENTITY_LIMIT);
      return -1;
    }
    customers.enteredNetwork[next] = customers.enteredNetwork[c];
    customers.call[next] = customers.call[c];
    customers.attempt[next] = customers.attempt[c];
    customers.parent[next] = customers.parent[c];
    customers.parentGeneration[next] = customers.parentGeneration[c];
    customers.call[c] = -1;
    customers.parent[c] = -1;
    return next;
  }
}
