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
   * then the calls are made one after another.
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
    customers.callIndex[c] = 0;
    continueCalls(run, c, s, now);
  }

  /** Makes the customer's next synchronous call, or, with none left, ends its handling and routes it on. */
  private static void continueCalls(QueueingRun run, int c, StationState s, double now) {
    CustomerPool customers = run.customers();
    for (int k = customers.callIndex[c]; k < s.callTargets.length; k++) {
      double p = s.callProbability[k];
      if (p >= 1 || s.callRandom.nextDouble() < p) {
        int child = customers.allocate();
        if (child < 0) {
          run.kernel().halt(StopReason.ENTITY_LIMIT);
          return;
        }
        customers.callIndex[c] = k + 1;
        customers.parent[child] = c;
        customers.enteredNetwork[child] = now;
        run.forward(child, s.callTargets[k], s.callRoutes[k], now);
        return;
      }
    }
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

  /** A synchronous call's journey ended: its caller carries on, unless the caller's own caller gave up on it. */
  static void replied(QueueingRun run, int caller, double now) {
    StationState s = run.stationOf(caller);
    if (run.customers().orphan[caller]) {
      endOrphanCaller(run, caller, s, now);
      return;
    }
    continueCalls(run, caller, s, now);
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

  /** A synchronous call failed: its caller fails too, freeing the server it held while waiting. */
  static void callerFailed(QueueingRun run, int caller, double now) {
    StationState s = run.stationOf(caller);
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
    customers.call[c] = -1;
    customers.parent[c] = -1;
    return next;
  }
}
