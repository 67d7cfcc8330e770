package io.doppel.sim.network;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.kernel.EventHandler;
import io.doppel.sim.kernel.Kernel;
import io.doppel.sim.kernel.RandomStreams;
import io.doppel.sim.kernel.RunOutcome;
import io.doppel.sim.kernel.StopReason;
import io.doppel.sim.stats.LogHistogram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * One replication of a network on its own kernel: the event handler of arrivals, service completions, timeouts,
 * failures, scaling, deliveries and the end of the warm-up. Customers are rows of {@link CustomerPool}; an event's
 * payload is a source index, a customer row (with its generation or call number where the event can go stale), or
 * a station index with an argument in the high 32 bits, so nothing is allocated per event or per customer. A plain
 * network (no behaviours) takes the same branches and draws the same random numbers as before they existed.
 */
public final class QueueingRun implements EventHandler {
  private static final int ARRIVAL = 0;
  private static final int DEPARTURE = 1;
  private static final int TIMEOUT = 2;
  private static final int WARMUP_END = 3;
  private static final int TRANSIT_END = 4;
  private static final int FAIL = 5;
  private static final int REPAIR = 6;
  private static final int OUTAGE_START = 7;
  private static final int OUTAGE_END = 8;
  private static final int CALL_TIMEOUT = 9;
  private static final int RETRY = 10;
  private static final int SCALE_CHECK = 11;
  private static final int SCALE_READY = 12;
  private static final int DELIVERY = 13;

  /** Stream purposes, combined with a node id's hash so a node keeps its random numbers when others change. */
  private static final int ARRIVALS = 0;
  private static final int SERVICE = 1;
  private static final int ROUTING = 2;
  private static final int PATIENCE = 3;

  private final SimulationConfig config;
  private final int replication;
  private final Kernel kernel;
  private final CustomerPool customers;
  private final StationState[] stations;
  private final @Nullable RouteState[] routes;
  private final List<RouteState> watched = new ArrayList<>();
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

  private long networkArrivals;
  private long exits;
  private long networkDrops;
  private long networkTimeouts;
  private long networkErrors;
  private long networkGaveUp;
  private final LogHistogram networkResponse = new LogHistogram();
  private double statisticsStart;
  private final @Nullable WindowCounts networkWindows;

  public QueueingRun(Network network, SimulationConfig config, int replication) {
    this.config = config;
    this.replication = replication;
    this.kernel = new Kernel(config.maxPendingEvents());
    this.customers = new CustomerPool(config.maxCustomers());
    int windows = config.window() > 0 ? (int) Math.ceil(config.horizon() / config.window()) : 0;
    routes = routeStates(network);
    calls = network.routes().stream().anyMatch(r -> r.watched() || r.synchronous());
    List<StationSpec> stationSpecs = network.stations();
    stations = new StationState[stationSpecs.size()];
    for (int i = 0; i < stations.length; i++) {
      StationSpec spec = stationSpecs.get(i);
      Routing out = routing(network, spec.id());
      Routing calls = routing(network, spec.id(), true);
      stations[i] = new StationState(spec, random(spec.id(), SERVICE), random(spec.id(), ROUTING),
          random(spec.id(), PATIENCE), random("failures:" + spec.id()), random("lead-time:" + spec.id()),
          out.targets, out.cumulative, out.states, calls.targets, calls.cumulative, calls.states,
          random("calls:" + spec.id()),
          windows > 0 ? new WindowCounts(config.window(), windows) : null);
      stations[i].index = i;
    }
    int n = network.sources().size();
    arrivals = new ArrivalProcess[n];
    arrivalRandom = new SplittableRandom[n];
    sourceRouting = new SplittableRandom[n];
    sourceTargets = new int[n][];
    sourceCumulative = new double[n][];
    sourceRoutes = new RouteState[n][];
    sourceLimit = new long[n];
    sourceArrived = new long[n];
    for (int i = 0; i < n; i++) {
      SourceSpec s = network.sources().get(i);
      arrivals[i] = s.arrivals();
      arrivalRandom[i] = random(s.id(), ARRIVALS);
      sourceRouting[i] = random(s.id(), ROUTING);
      sourceLimit[i] = s.limit();
      Routing out = routing(network, s.id());
      sourceTargets[i] = out.targets;
      sourceCumulative[i] = out.cumulative;
      sourceRoutes[i] = out.states;
    }
    networkWindows = windows > 0 ? new WindowCounts(config.window(), windows) : null;
  }

  private SplittableRandom random(String nodeId, int purpose) {
    return RandomStreams.stream(config.seed(), replication, (fnv64(nodeId) << 2) | purpose);
  }

  /** A stream of its own for a behaviour (failures, lead times, a route's delay), keyed by a name of its own. */
  private SplittableRandom random(String key) {
    return RandomStreams.stream(config.seed(), replication, fnv64(key) ^ 0x5DEECE66DL);
  }

  /** FNV-1a over the id's chars: 64 bits, so two ids practically never share streams ("Aa" and "BB" do in String.hashCode). */
  private static long fnv64(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** Run-time state for the routes that take time or are watched calls; null for plain ones. */
  private @Nullable RouteState[] routeStates(Network network) {
    List<Route> list = network.routes();
    RouteState[] states = new RouteState[list.size()];
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < states.length; i++) {
      Route r = list.get(i);
      // streams keyed by the ends (and the how-many-th such route), not the position, for common random numbers
      String key = r.from() + "->" + r.to() + "#" + seen.merge(r.from() + "->" + r.to(), 1, Integer::sum);
      if (r.delay() != null || r.watched()) {
        states[i] = new RouteState(i, r, network.stationIndex(r.to()), random("delay:" + key),
            random("backoff:" + key));
        if (r.watched()) {
          watched.add(states[i]);
        }
      }
    }
    return states;
  }

  private record Routing(int[] targets, double[] cumulative, @Nullable RouteState[] states) {}

  /** A node's ordinary routes (cumulative probabilities) or, with {@code synchronous}, its calls (own probabilities). */
  private Routing routing(Network network, String from) {
    return routing(network, from, false);
  }

  private Routing routing(Network network, String from, boolean synchronous) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < network.routes().size(); i++) {
      Route r = network.routes().get(i);
      if (r.from().equals(from) && r.synchronous() == synchronous) {
        out.add(i);
      }
    }
    int[] targets = new int[out.size()];
    double[] cumulative = new double[out.size()];
    RouteState[] states = new RouteState[out.size()];
    double sum = 0;
    for (int i = 0; i < out.size(); i++) {
      Route r = network.routes().get(out.get(i));
      sum += r.probability();
      targets[i] = network.stationIndex(r.to());
      cumulative[i] = synchronous ? r.probability() : sum;
      states[i] = routes[out.get(i)];
    }
    return new Routing(targets, cumulative, states);
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
    NetworkResult networkResult = new NetworkResult(networkArrivals, exits, networkDrops, networkTimeouts,
        exits / measured, networkResponse.mean(), networkResponse.quantile(0.50), networkResponse.quantile(0.95),
        networkResponse.quantile(0.99), networkErrors, networkGaveUp);
    List<RouteResult> routeResults = new ArrayList<>(watched.size());
    for (RouteState r : watched) {
      routeResults.add(r.result(end));
    }
    return new ReplicationResult(replication, outcome.reason(), end, outcome.events(), measured, stationResults,
        networkResult, series(end), routeResults);
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
    if (networkWindows == null) {
      return null;
    }
    List<TimeSeries.StationSeries> list = new ArrayList<>(stations.length);
    for (StationState s : stations) {
      list.add(s.windows.series(s.id, end));
    }
    int n = networkWindows.completions.length;
    double[] mean = new double[n];
    for (int i = 0; i < n; i++) {
      long c = networkWindows.completions[i];
      mean[i] = c == 0 ? Double.NaN : networkWindows.responseSum[i] / c;
    }
    return new TimeSeries(config.window(), list, networkWindows.completions.clone(), mean);
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
      case TRANSIT_END -> arrive(low, customers.station[low], kernel.now());
      case FAIL -> Breakdowns.fail(this, stations[low], low, high);
      case REPAIR -> Breakdowns.repair(this, stations[low], low, high);
      case OUTAGE_START -> Breakdowns.outageStarts(this, stations[low]);
      case OUTAGE_END -> Breakdowns.outageEnds(this, stations[low]);
      case CALL_TIMEOUT -> callTimeout(low, high);
      case RETRY -> send(low, routes[customers.call[low]], kernel.now());
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
    networkArrivals++;
    customers.enteredNetwork[c] = now;
    int j = pick(sourceCumulative[source], sourceRouting[source]);
    // a source's routes add up to 1; rounding can only leave the last target
    if (j < 0) {
      j = sourceTargets[source].length - 1;
    }
    forward(c, sourceTargets[source][j], sourceRoutes[source][j], now);
  }

  /** Sends a customer along a route: straight to its target, or through the route's delay and call watch. */
  private void forward(int c, int target, @Nullable RouteState route, double now) {
    if (route == null) {
      arrive(c, target, now);
      return;
    }
    customers.attempt[c] = 0;
    send(c, route, now);
  }

  /** One attempt along a route with a delay or a watched call. */
  private void send(int c, RouteState route, double now) {
    CallPolicy call = route.call;
    if (call != null) {
      route.calls++;
      customers.call[c] = route.index;
      BreakerState breaker = route.breaker;
      if (breaker != null && !breaker.allow(now)) {
        callFailed(c, route, now, false);
        return;
      }
      int seq = ++customers.callSeq[c];
      customers.callStart[c] = now;
      if (call.timeout() != Double.POSITIVE_INFINITY) {
        kernel.scheduleAt(now + call.timeout(), CALL_TIMEOUT, ((long) seq << 32) | c);
      }
    }
    if (route.delay != null) {
      customers.state[c] = CustomerPool.IN_TRANSIT;
      customers.station[c] = route.target;
      kernel.scheduleAt(now + route.delay.sample(route.delayRandom), TRANSIT_END, c);
    } else {
      arrive(c, route.target, now);
    }
  }

  private void arrive(int c, int stationIndex, double now) {
    StationState s = stations[stationIndex];
    s.advance(now);
    s.arrivals++;
    if (s.windows != null) {
      s.windows.arrivals[s.windows.index(now)]++;
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
    if (s.busy < s.available) {
      startService(c, s, now);
    } else if (s.available == 0 && s.refuseWhileDown) {
      s.refused++;
      failed(c, now);
    } else if (s.waiting < s.capacity) {
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
        s.windows.drops[s.windows.index(now)]++;
      }
      if (customers.call[c] < 0 && !customers.orphan[c]) {
        networkDrops++;
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
        callsAfterService(c, s, now);
        return;
      }
      int call = customers.call[c];
      if (call >= 0) {
        callSucceeded(c, routes[call], now);
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
      forward(c, s.routeTargets[j], s.routeStates[j], now);
    } else {
      exit(c, now);
    }
  }

  /**
   * At a station that makes synchronous calls: the server is freed (unless the station holds it during its calls),
   * then the calls are made one after another.
   */
  private void callsAfterService(int c, StationState s, double now) {
    if (!s.holdsServer) {
      releaseServer(c, s, now);
      serveNext(s, now);
    }
    if (customers.orphan[c]) {
      s.wasted++;
      endOrphanCaller(c, s, now);
      return;
    }
    customers.state[c] = CustomerPool.CALLING;
    customers.callIndex[c] = 0;
    continueCalls(c, s, now);
  }

  /** Makes the customer's next synchronous call, or, with none left, ends its handling and routes it on. */
  private void continueCalls(int c, StationState s, double now) {
    for (int k = customers.callIndex[c]; k < s.callTargets.length; k++) {
      double p = s.callProbability[k];
      if (p >= 1 || s.callRandom.nextDouble() < p) {
        int child = customers.allocate();
        if (child < 0) {
          kernel.halt(StopReason.ENTITY_LIMIT);
          return;
        }
        customers.callIndex[c] = k + 1;
        customers.parent[child] = c;
        customers.enteredNetwork[child] = now;
        forward(child, s.callTargets[k], s.callRoutes[k], now);
        return;
      }
    }
    s.handled++;
    s.handlingSum += now - customers.enteredStation[c];
    int call = customers.call[c];
    if (call >= 0) {
      callSucceeded(c, routes[call], now);
    }
    if (s.holdsServer) {
      s.advance(now);
      releaseServer(c, s, now);
      serveNext(s, now);
    }
    int j = pick(s.routeCumulative, s.routingRandom);
    if (j >= 0) {
      forward(c, s.routeTargets[j], s.routeStates[j], now);
    } else {
      exit(c, now);
    }
  }

  /** A synchronous call's journey ended: its caller carries on, unless the caller's own caller gave up on it. */
  private void replied(int caller, double now) {
    StationState s = stations[customers.station[caller]];
    if (customers.orphan[caller]) {
      endOrphanCaller(caller, s, now);
      return;
    }
    continueCalls(caller, s, now);
  }

  /** A caller whose own caller gave up: it goes, and frees the server it held. */
  private void endOrphanCaller(int c, StationState s, double now) {
    if (s.holdsServer) {
      s.advance(now);
      releaseServer(c, s, now);
      customers.release(c);
      serveNext(s, now);
    } else {
      customers.release(c);
    }
  }

  /** A synchronous call failed: its caller fails too, freeing the server it held while waiting. */
  private void callerFailed(int caller, double now) {
    StationState s = stations[customers.station[caller]];
    if (s.holdsServer && customers.state[caller] == CustomerPool.CALLING) {
      s.advance(now);
      releaseServer(caller, s, now);
      failed(caller, now);
      serveNext(s, now);
    } else {
      failed(caller, now);
    }
  }

  /** The customer leaves its server: the visit's figures are recorded. */
  private void releaseServer(int c, StationState s, double now) {
    s.busy--;
    s.completions++;
    double response = now - customers.enteredStation[c];
    s.response.record(response);
    if (s.windows != null) {
      int w = s.windows.index(now);
      s.windows.completions[w]++;
      s.windows.responseSum[w] += response;
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
      forward(c, up.routeTargets[j], up.routeStates[j], now);
      serveNext(up, now);
    }
  }

  private void exit(int c, double now) {
    int caller = calls ? customers.parent[c] : -1;
    if (caller >= 0) {
      customers.release(c);
      replied(caller, now);
      return;
    }
    exits++;
    double response = now - customers.enteredNetwork[c];
    networkResponse.record(response);
    if (networkWindows != null) {
      int w = networkWindows.index(now);
      networkWindows.completions[w]++;
      networkWindows.responseSum[w] += response;
    }
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
      callFailed(c, routes[call], now, true);
      return;
    }
    lost(c, now);
  }

  /** The customer is gone as an error; a synchronous call's failure fails its caller too. */
  private void lost(int c, double now) {
    int caller = customers.parent[c];
    customers.release(c);
    if (caller >= 0) {
      callerFailed(caller, now);
    } else {
      networkErrors++;
    }
  }

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
      int retry = continuation(c);
      if (retry >= 0) {
        callFailed(retry, routes[call], now, true);
      }
    } else if (customers.parent[c] >= 0) {
      // a synchronous call abandoned in a queue fails its caller; the row is let go by the queue
      int caller = customers.parent[c];
      customers.parent[c] = -1;
      callerFailed(caller, now);
    } else {
      networkTimeouts++;
      networkErrors++;
    }
    if (s.blocking) {
      unblock(s, now);
    }
  }

  private void callSucceeded(int c, RouteState route, double now) {
    route.successes++;
    route.successTimeSum += now - customers.callStart[c];
    if (route.breaker != null) {
      route.breaker.record(true, now);
    }
    customers.callSeq[c]++;
    customers.call[c] = -1;
  }

  /** The attempt failed: back off and send again while retries are left, else give up. */
  private void callFailed(int c, RouteState route, double now, boolean countsForBreaker) {
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
      kernel.scheduleAt(now + call.backoff().sample(route.backoffRandom), RETRY, c);
    } else {
      route.gaveUp++;
      if (customers.parent[c] < 0) {
        networkGaveUp++;
      }
      lost(c, now);
    }
  }

  private void callTimeout(int c, int seq) {
    if (customers.callSeq[c] != seq || customers.call[c] < 0) {
      return;
    }
    double now = kernel.now();
    RouteState route = routes[customers.call[c]];
    route.timeouts++;
    int retry = continuation(c);
    // the attempt in flight stays where it is and is served for nothing
    customers.orphan[c] = true;
    customers.call[c] = -1;
    if (retry >= 0) {
      callFailed(retry, route, now, true);
    }
  }

  /** A new row carrying on the logical customer of {@code c} (whose row is still held at the target). */
  private int continuation(int c) {
    int next = customers.allocate();
    if (next < 0) {
      kernel.halt(StopReason.ENTITY_LIMIT);
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

  void scheduleStation(double time, int kind, int station, long argument) {
    kernel.scheduleAt(time, kind, stationEvent(station, argument));
  }

  static int repairKind() {
    return REPAIR;
  }

  static int failKind() {
    return FAIL;
  }

  static int deliveryKind() {
    return DELIVERY;
  }

  static int scaleCheckKind() {
    return SCALE_CHECK;
  }

  static int scaleReadyKind() {
    return SCALE_READY;
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
    networkArrivals = 0;
    exits = 0;
    networkDrops = 0;
    networkTimeouts = 0;
    networkErrors = 0;
    networkGaveUp = 0;
    networkResponse.reset();
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
