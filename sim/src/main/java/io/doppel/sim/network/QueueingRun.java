package io.doppel.sim.network;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.kernel.EventHandler;
import io.doppel.sim.kernel.Kernel;
import io.doppel.sim.kernel.RunOutcome;
import io.doppel.sim.kernel.StopReason;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * One replication of a network on its own kernel: the event handler of arrivals, service completions, timeouts and
 * the end of the warm-up, with the behaviours in classes of their own ({@link Calls}, {@link Breakdowns},
 * {@link Scaling}, {@link Stock}) and the wiring in {@link RunSetup}. Customers are rows of {@link CustomerPool}; an
 * event's payload is a source index, a customer row (with its generation or call number where the event can go
 * stale), or a station index with an argument in the high 32 bits, so nothing is allocated per event or per
 * customer. A plain network (no behaviours) takes the same branches and draws the same random numbers as before
 * they existed.
 */
public final class QueueingRun implements EventHandler {
  static final int ARRIVAL = 0;
  static final int DEPARTURE = 1;
  static final int TIMEOUT = 2;
  static final int WARMUP_END = 3;
  static final int TRANSIT_END = 4;
  static final int FAIL = 5;
  static final int REPAIR = 6;
  static final int OUTAGE_START = 7;
  static final int OUTAGE_END = 8;
  static final int CALL_TIMEOUT = 9;
  static final int RETRY = 10;
  static final int SCALE_CHECK = 11;
  static final int SCALE_READY = 12;
  static final int DELIVERY = 13;

  private final SimulationConfig config;
  private final int replication;
  private final Kernel kernel;
  private final CustomerPool customers;
  private final StationState[] stations;
  private final @Nullable RouteState[] routes;
  private final List<RouteState> watched;
  /** Whether any route is a watched or synchronous call: a plain network skips the call book-keeping. */
  private final boolean calls;
  private final ArrivalProcess[] arrivals;
  private final SplittableRandom[] arrivalRandom;
  private final SplittableRandom[] sourceRouting;
  private final int[][] sourceTargets;
  private final double[][] sourceCumulative;
  private final @Nullable RouteState[][] sourceRoutes;
  private final long[] sourceLimit;
  private final long[] sourceArrived;
  private final NetworkTally network;
  private double statisticsStart;

  public QueueingRun(Network network, SimulationConfig config, int replication) {
    this.config = config;
    this.replication = replication;
    this.kernel = new Kernel(config.maxPendingEvents());
    this.customers = new CustomerPool(config.maxCustomers());
    RunSetup setup = new RunSetup(network, config, replication);
    routes = setup.routes;
    watched = setup.watched;
    calls = setup.calls;
    stations = setup.stations;
    arrivals = setup.arrivals;
    arrivalRandom = setup.arrivalRandom;
    sourceRouting = setup.sourceRouting;
    sourceTargets = setup.sourceTargets;
    sourceCumulative = setup.sourceCumulative;
    sourceRoutes = setup.sourceRoutes;
    sourceLimit = setup.sourceLimit;
    sourceArrived = new long[arrivals.length];
    this.network = new NetworkTally(setup.windows());
  }

  /** Runs the replication to its end and returns its figures. */
  public ReplicationResult run() {
    for (int i = 0; i < arrivals.length; i++) {
      kernel.scheduleAt(arrivals[i].next(0, arrivalRandom[i]), ARRIVAL, i);
    }
    if (config.warmup() > 0) {
      kernel.scheduleAt(config.warmup(), WARMUP_END, 0);
    }
    for (int i = 0; i < stations.length; i++) {
      scheduleBehaviours(i);
    }
    RunOutcome outcome = kernel.run(this, config.horizon(), config.eventBudget());
    double end = outcome.endTime();
    for (StationState s : stations) {
      s.advanceAll(end);
    }
    double measured = end - statisticsStart;
    List<StationResult> stationResults = new ArrayList<>(stations.length);
    for (StationState s : stations) {
      stationResults.add(s.result(measured));
    }
    List<RouteResult> routeResults = new ArrayList<>(watched.size());
    for (RouteState r : watched) {
      routeResults.add(r.result(end));
    }
    return new ReplicationResult(replication, outcome.reason(), end, outcome.events(), measured, stationResults,
        network.result(measured), series(end), routeResults);
  }

  /** The first failure, outage and scaling events of station {@code i}. */
  private void scheduleBehaviours(int i) {
    StationState s = stations[i];
    Failures f = s.failures;
    if (f.timeToFailure() != null) {
      if (f.scope() == Failures.Scope.STATION) {
        kernel.scheduleAt(f.timeToFailure().sample(s.failureRandom), FAIL, i);
      } else {
        for (int k = 0; k < s.servers; k++) {
          kernel.scheduleAt(f.timeToFailure().sample(s.failureRandom), FAIL, stationEvent(i, k + 1));
        }
      }
    }
    for (Failures.Outage o : f.outages()) {
      kernel.scheduleAt(o.start(), OUTAGE_START, i);
      kernel.scheduleAt(o.end(), OUTAGE_END, i);
    }
    if (s.autoscaler != null) {
      kernel.scheduleAt(s.autoscaler.interval(), SCALE_CHECK, i);
    }
  }

  private static long stationEvent(int station, long argument) {
    return (argument << 32) | station;
  }

  private @Nullable TimeSeries series(double end) {
    if (network.windows == null) {
      return null;
    }
    List<TimeSeries.StationSeries> list = new ArrayList<>(stations.length);
    for (StationState s : stations) {
      list.add(s.series(end));
    }
    return new TimeSeries(config.window(), list, network.windowCompletions(), network.windowMeanResponse());
  }

  @Override
  public void handle(int kind, long payload) {
    int low = (int) payload;
    int high = (int) (payload >>> 32);
    switch (kind) {
      case ARRIVAL -> arrival(low);
      case DEPARTURE -> departure(low, high);
      case TIMEOUT -> timeout(low, high);
      case WARMUP_END -> startStatistics();
      case TRANSIT_END -> transitEnds(low, high);
      case FAIL -> Breakdowns.fail(this, stations[low], low, high);
      case REPAIR -> Breakdowns.repair(this, stations[low], low, high);
      case OUTAGE_START -> Breakdowns.outageStarts(this, stations[low]);
      case OUTAGE_END -> Breakdowns.outageEnds(this, stations[low]);
      case CALL_TIMEOUT -> Calls.timeout(this, low, high);
      case RETRY -> Calls.send(this, low, routes[customers.call[low]], kernel.now());
      case SCALE_CHECK -> Scaling.check(this, stations[low], low);
      case SCALE_READY -> Scaling.ready(this, stations[low], high);
      case DELIVERY -> delivery(stations[low], high);
      default -> throw new IllegalStateException("unknown event kind " + kind);
    }
  }

  private void arrival(int source) {
    double now = kernel.now();
    if (++sourceArrived[source] < sourceLimit[source]) {
      kernel.scheduleAt(arrivals[source].next(now, arrivalRandom[source]), ARRIVAL, source);
    }
    int c = customers.allocate();
    if (c < 0) {
      kernel.halt(StopReason.ENTITY_LIMIT);
      return;
    }
    network.arrivals++;
    customers.enteredNetwork[c] = now;
    int j = pick(sourceCumulative[source], sourceRouting[source]);
    // a source's routes add up to 1; rounding can only leave the last target
    if (j < 0) {
      j = sourceTargets[source].length - 1;
    }
    forward(c, sourceTargets[source][j], sourceRoutes[source][j], now);
  }

  /** Sends a customer along a route: straight to its target, or through the route's delay and call watch. */
  void forward(int c, int target, @Nullable RouteState route, double now) {
    if (route == null) {
      arrive(c, target, now);
      return;
    }
    customers.attempt[c] = 0;
    Calls.send(this, c, route, now);
  }

  void arrive(int c, int stationIndex, double now) {
    StationState s = stations[stationIndex];
    s.advance(now);
    s.arrivals++;
    if (s.windows != null) {
      s.windows.arrival(now);
    }
    customers.station[c] = stationIndex;
    customers.enteredStation[c] = now;
    if (s.inventory != null && !Stock.take(this, s, c, now)) {
      return;
    }
    admit(c, s, now);
  }

  /** Into service, the queue, or out (dropped, or refused while the station is down). */
  void admit(int c, StationState s, double now) {
    // the room left may be promised to parts on a transfer here
    boolean promised = s.reserved > 0 && s.full();
    if (s.busy < s.available && !promised) {
      startService(c, s, now);
    } else if (s.available == 0 && s.refuseWhileDown) {
      s.refused++;
      failed(c, now);
    } else if (s.waiting < s.capacity && !promised) {
      s.waiting++;
      s.queued++;
      s.queue.add(c);
      customers.state[c] = CustomerPool.WAITING;
      if (s.patience != null) {
        long payload = ((long) customers.generation[c] << 32) | c;
        kernel.scheduleAt(now + s.patience.sample(s.patienceRandom), TIMEOUT, payload);
      }
    } else {
      s.drops++;
      if (s.windows != null) {
        s.windows.drop(now);
      }
      if (customers.call[c] < 0 && !customers.orphan[c]) {
        network.drops++;
      }
      failed(c, now);
    }
  }

  private void startService(int c, StationState s, double now) {
    s.busy++;
    int generation = ++customers.generation[c];
    customers.state[c] = CustomerPool.IN_SERVICE;
    double end;
    if (!s.tracked) {
      s.served++;
      s.waitSum += now - customers.enteredStation[c];
      end = now + s.service.sample(s.serviceRandom);
    } else {
      end = now + trackedService(c, s, now);
    }
    kernel.scheduleAt(end, DEPARTURE, ((long) generation << 32) | c);
  }

  /** At a station whose servers can go down: the service (fresh, resumed or restarted) on a free server slot. */
  private double trackedService(int c, StationState s, double now) {
    double remaining = customers.remaining[c];
    if (remaining != remaining) {
      // a fresh service (NaN); a resumed or restarted one was counted when it first started
      s.served++;
      s.waitSum += now - customers.enteredStation[c];
    }
    double duration = remaining >= 0 ? remaining : s.service.sample(s.serviceRandom);
    customers.remaining[c] = CustomerPool.FRESH;
    customers.serviceEnd[c] = now + duration;
    int k = s.idleSlot();
    s.slotCustomer[k] = c;
    customers.slot[c] = k;
    return duration;
  }

  private void departure(int c, int generation) {
    if (customers.generation[c] != generation) {
      // the service was interrupted by a failure
      return;
    }
    double now = kernel.now();
    StationState s = stations[customers.station[c]];
    s.advance(now);
    if (calls) {
      if (s.callTargets.length > 0) {
        Calls.afterService(this, c, s, now);
        return;
      }
      int call = customers.call[c];
      if (call >= 0) {
        Calls.succeeded(this, c, routes[call], now);
      }
      if (customers.orphan[c]) {
        s.wasted++;
        releaseServer(c, s, now);
        customers.release(c);
        serveNext(s, now);
        return;
      }
    }
    int j = pick(s.routeCumulative, s.routingRandom);
    if (j >= 0) {
      StationState to = stations[s.routeTargets[j]];
      if (to.blocking && to.full() && !(to.available == 0 && to.refuseWhileDown)) {
        // blocking after service: keep the server until the buffer downstream has room
        s.advanceLevels(now);
        customers.state[c] = CustomerPool.BLOCKED;
        customers.next[c] = j;
        s.blockedHere++;
        to.blockedQueue.add(c);
        return;
      }
    }
    releaseServer(c, s, now);
    // the next in line goes first, so a customer routed back here queues behind it
    serveNext(s, now);
    if (j >= 0) {
      forwardFrom(c, s, j, now);
    } else {
      exit(c, now);
    }
  }

  /**
   * A served customer leaves station {@code s} along route position {@code j}, which the blocking check has let
   * it take: a transfer into a blocking station books its place there before it sets off.
   */
  private void forwardFrom(int c, StationState s, int j, double now) {
    RouteState route = s.routeStates[j];
    if (route != null && route.reservesRoom) {
      stations[route.target].reserved++;
      customers.state[c] = CustomerPool.IN_TRANSIT;
      customers.station[c] = route.target;
      kernel.scheduleAt(now + route.delay.sample(route.delayRandom), TRANSIT_END, (1L << 32) | c);
      return;
    }
    forward(c, s.routeTargets[j], route, now);
  }

  /** The end of a transfer: the place booked for it (high bit set) is its own now, then it arrives. */
  private void transitEnds(int c, int booked) {
    int target = customers.station[c];
    if (booked != 0) {
      stations[target].reserved--;
    }
    arrive(c, target, kernel.now());
  }

  /** After a station's handling: on along one of its routes, or out of the network. */
  void routeOn(int c, StationState s, double now) {
    int j = pick(s.routeCumulative, s.routingRandom);
    if (j >= 0) {
      forward(c, s.routeTargets[j], s.routeStates[j], now);
    } else {
      exit(c, now);
    }
  }

  /** The customer leaves its server: the visit's figures are recorded. */
  void releaseServer(int c, StationState s, double now) {
    s.busy--;
    s.completions++;
    double response = now - customers.enteredStation[c];
    s.response.record(response);
    if (s.windows != null) {
      s.windows.completion(now, response);
    }
    if (s.tracked) {
      s.slotCustomer[customers.slot[c]] = -1;
    }
  }

  /** Starts waiting customers while servers are free, then lets in customers blocked upstream. */
  void serveNext(StationState s, double now) {
    while (s.busy < s.available && !s.queue.isEmpty()) {
      int next = s.queue.poll();
      if (customers.state[next] == CustomerPool.ABANDONED) {
        customers.release(next);
        continue;
      }
      s.waiting--;
      startService(next, s, now);
    }
    if (s.blocking) {
      unblock(s, now);
    }
  }

  /** Moves customers blocked upstream into {@code s} while it has room, freeing their servers there. */
  private void unblock(StationState s, double now) {
    while (!s.blockedQueue.isEmpty() && !s.full()) {
      int c = s.blockedQueue.poll();
      StationState up = stations[customers.station[c]];
      up.advanceAll(now);
      up.blockedHere--;
      int j = customers.next[c];
      releaseServer(c, up, now);
      forwardFrom(c, up, j, now);
      serveNext(up, now);
    }
  }

  private void exit(int c, double now) {
    int caller = calls ? customers.parent[c] : -1;
    if (caller >= 0) {
      boolean awaited = Calls.awaited(customers, c);
      customers.release(c);
      if (awaited) {
        Calls.replied(this, caller, now);
      }
      return;
    }
    network.exit(now, now - customers.enteredNetwork[c]);
    customers.release(c);
  }

  /** The customer's visit failed and its row is free: its caller retries, or it leaves the network as an error. */
  void failed(int c, double now) {
    if (customers.orphan[c]) {
      customers.release(c);
      return;
    }
    int call = customers.call[c];
    if (call >= 0) {
      Calls.callFailed(this, c, routes[call], now, true);
      return;
    }
    lost(c, now);
  }

  /** The customer is gone as an error; a synchronous call's failure fails its caller too. */
  void lost(int c, double now) {
    int caller = customers.parent[c];
    boolean awaited = caller >= 0 && Calls.awaited(customers, c);
    customers.release(c);
    if (awaited) {
      Calls.callerFailed(this, caller, now);
    } else if (caller < 0) {
      network.errors++;
    }
  }

  /** A waiting customer's patience ran out (unless it has been served since, or its row reused). */
  private void timeout(int c, int generation) {
    if (customers.generation[c] != generation || customers.state[c] != CustomerPool.WAITING) {
      return;
    }
    double now = kernel.now();
    StationState s = stations[customers.station[c]];
    s.advance(now);
    s.waiting--;
    s.timeouts++;
    // the row stays taken until the queue reaches it and lets it go
    customers.state[c] = CustomerPool.ABANDONED;
    int call = customers.call[c];
    if (customers.orphan[c]) {
      // nobody was waiting for it
    } else if (call >= 0) {
      int retry = Calls.continuation(this, c);
      if (retry >= 0) {
        Calls.callFailed(this, retry, routes[call], now, true);
      }
    } else if (customers.parent[c] >= 0) {
      // a synchronous call abandoned in a queue fails its caller; the row is let go by the queue
      int caller = customers.parent[c];
      boolean awaited = Calls.awaited(customers, c);
      customers.parent[c] = -1;
      if (awaited) {
        Calls.callerFailed(this, caller, now);
      }
    } else {
      network.timeouts++;
      network.errors++;
    }
    if (s.blocking) {
      unblock(s, now);
    }
  }

  /** Interrupts the customer on a server going down, by the station's interruption policy. */
  void interrupt(int c, StationState s, double now) {
    s.busy--;
    s.slotCustomer[customers.slot[c]] = -1;
    // the departure already scheduled is now stale
    customers.generation[c]++;
    switch (s.failures.interruption()) {
      case LOSE -> {
        s.lost++;
        failed(c, now);
      }
      case RESUME -> requeue(c, s, customers.serviceEnd[c] - now);
      case RESTART -> requeue(c, s, CustomerPool.RESTART);
    }
  }

  private void requeue(int c, StationState s, double remaining) {
    customers.remaining[c] = remaining;
    customers.state[c] = CustomerPool.WAITING;
    s.queue.addFirst(c);
    s.waiting++;
  }

  CustomerPool customers() {
    return customers;
  }

  Kernel kernel() {
    return kernel;
  }

  NetworkTally network() {
    return network;
  }

  RouteState route(int index) {
    return routes[index];
  }

  /** The station the customer is at. */
  StationState stationOf(int c) {
    return stations[customers.station[c]];
  }

  void scheduleStation(double time, int kind, int station, long argument) {
    kernel.scheduleAt(time, kind, stationEvent(station, argument));
  }

  private void delivery(StationState s, int quantity) {
    double now = kernel.now();
    s.advanceAll(now);
    Stock.deliver(this, s, quantity, now);
  }

  private void startStatistics() {
    double now = kernel.now();
    for (StationState s : stations) {
      s.resetStatistics(now);
    }
    for (RouteState r : watched) {
      r.resetStatistics(now);
    }
    network.reset();
    statisticsStart = now;
  }

  /** A route position drawn from cumulative probabilities; -1 for the remainder (leave the network). */
  private static int pick(double[] cumulative, SplittableRandom random) {
    int n = cumulative.length;
    if (n == 0) {
      return -1;
    }
    if (n == 1 && cumulative[0] >= 1.0) {
      return 0;
    }
    double u = random.nextDouble();
    for (int i = 0; i < n; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return -1;
  }
}
