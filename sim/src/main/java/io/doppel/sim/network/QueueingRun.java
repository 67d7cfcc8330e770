package io.doppel.sim.network;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.kernel.EventHandler;
import io.doppel.sim.kernel.Kernel;
import io.doppel.sim.kernel.RandomStreams;
import io.doppel.sim.kernel.RunOutcome;
import io.doppel.sim.kernel.StopReason;
import io.doppel.sim.stats.LogHistogram;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * One replication of a network on its own kernel: the event handler of arrivals, service completions, timeouts and
 * the end of the warm-up. Customers are rows of {@link CustomerPool}; an event's payload is a source index or a
 * customer row (with its generation for timeouts), so nothing is allocated per event or per customer.
 */
public final class QueueingRun implements EventHandler {
  private static final int ARRIVAL = 0;
  private static final int DEPARTURE = 1;
  private static final int TIMEOUT = 2;
  private static final int WARMUP_END = 3;

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
  private final ArrivalProcess[] arrivals;
  private final SplittableRandom[] arrivalRandom;
  private final SplittableRandom[] sourceRouting;
  private final int[][] sourceTargets;
  private final double[][] sourceCumulative;
  private final long[] sourceLimit;
  private final long[] sourceArrived;

  private long networkArrivals;
  private long exits;
  private long networkDrops;
  private long networkTimeouts;
  private final LogHistogram networkResponse = new LogHistogram();
  private double statisticsStart;
  private final @Nullable WindowCounts networkWindows;

  public QueueingRun(Network network, SimulationConfig config, int replication) {
    this.config = config;
    this.replication = replication;
    this.kernel = new Kernel(config.maxPendingEvents());
    this.customers = new CustomerPool(config.maxCustomers());
    int windows = config.window() > 0 ? (int) Math.ceil(config.horizon() / config.window()) : 0;
    List<StationSpec> stationSpecs = network.stations();
    stations = new StationState[stationSpecs.size()];
    for (int i = 0; i < stations.length; i++) {
      StationSpec spec = stationSpecs.get(i);
      int[][] targets = new int[1][];
      double[][] cumulative = new double[1][];
      routing(network, spec.id(), targets, cumulative);
      stations[i] = new StationState(spec, random(spec.id(), SERVICE), random(spec.id(), ROUTING),
          random(spec.id(), PATIENCE), targets[0], cumulative[0],
          windows > 0 ? new WindowCounts(config.window(), windows) : null);
    }
    int n = network.sources().size();
    arrivals = new ArrivalProcess[n];
    arrivalRandom = new SplittableRandom[n];
    sourceRouting = new SplittableRandom[n];
    sourceTargets = new int[n][];
    sourceCumulative = new double[n][];
    sourceLimit = new long[n];
    sourceArrived = new long[n];
    for (int i = 0; i < n; i++) {
      SourceSpec s = network.sources().get(i);
      arrivals[i] = s.arrivals();
      arrivalRandom[i] = random(s.id(), ARRIVALS);
      sourceRouting[i] = random(s.id(), ROUTING);
      sourceLimit[i] = s.limit();
      int[][] targets = new int[1][];
      double[][] cumulative = new double[1][];
      routing(network, s.id(), targets, cumulative);
      sourceTargets[i] = targets[0];
      sourceCumulative[i] = cumulative[0];
    }
    networkWindows = windows > 0 ? new WindowCounts(config.window(), windows) : null;
  }

  private SplittableRandom random(String nodeId, int purpose) {
    return RandomStreams.stream(config.seed(), replication, (fnv64(nodeId) << 2) | purpose);
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

  private static void routing(Network network, String from, int[][] targets, double[][] cumulative) {
    List<Route> out = new ArrayList<>();
    for (Route r : network.routes()) {
      if (r.from().equals(from)) {
        out.add(r);
      }
    }
    targets[0] = new int[out.size()];
    cumulative[0] = new double[out.size()];
    double sum = 0;
    for (int i = 0; i < out.size(); i++) {
      sum += out.get(i).probability();
      targets[0][i] = network.stationIndex(out.get(i).to());
      cumulative[0][i] = sum;
    }
  }

  /** Runs the replication to its end and returns its figures. */
  public ReplicationResult run() {
    for (int i = 0; i < arrivals.length; i++) {
      kernel.scheduleAt(arrivals[i].next(0, arrivalRandom[i]), ARRIVAL, i);
    }
    if (config.warmup() > 0) {
      kernel.scheduleAt(config.warmup(), WARMUP_END, 0);
    }
    RunOutcome outcome = kernel.run(this, config.horizon(), config.eventBudget());
    double end = outcome.endTime();
    for (StationState s : stations) {
      s.advance(end);
    }
    double measured = end - statisticsStart;
    List<StationResult> stationResults = new ArrayList<>(stations.length);
    for (StationState s : stations) {
      stationResults.add(s.result(measured));
    }
    NetworkResult networkResult = new NetworkResult(networkArrivals, exits, networkDrops, networkTimeouts,
        exits / measured, networkResponse.mean(), networkResponse.quantile(0.50), networkResponse.quantile(0.95),
        networkResponse.quantile(0.99));
    return new ReplicationResult(replication, outcome.reason(), end, outcome.events(), measured, stationResults,
        networkResult, series(end));
  }

  private @Nullable TimeSeries series(double end) {
    if (networkWindows == null) {
      return null;
    }
    List<TimeSeries.StationSeries> list = new ArrayList<>(stations.length);
    for (StationState s : stations) {
      list.add(s.windows.series(s.id, s.servers, end));
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
    switch (kind) {
      case ARRIVAL -> arrival((int) payload);
      case DEPARTURE -> departure((int) payload);
      case TIMEOUT -> timeout((int) payload, (int) (payload >>> 32));
      case WARMUP_END -> startStatistics();
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
    int target = pick(sourceTargets[source], sourceCumulative[source], sourceRouting[source]);
    // a source's routes add up to 1; rounding can only leave the last target
    arrive(c, target < 0 ? sourceTargets[source][sourceTargets[source].length - 1] : target, now);
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
    if (s.busy < s.servers) {
      startService(c, s, now);
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
      networkDrops++;
      if (s.windows != null) {
        s.windows.drops[s.windows.index(now)]++;
      }
      customers.release(c);
    }
  }

  private void startService(int c, StationState s, double now) {
    s.served++;
    s.waitSum += now - customers.enteredStation[c];
    s.busy++;
    customers.generation[c]++;
    customers.state[c] = CustomerPool.IN_SERVICE;
    kernel.scheduleAt(now + s.service.sample(s.serviceRandom), DEPARTURE, c);
  }

  private void departure(int c) {
    double now = kernel.now();
    StationState s = stations[customers.station[c]];
    s.advance(now);
    s.busy--;
    s.completions++;
    double response = now - customers.enteredStation[c];
    s.response.record(response);
    if (s.windows != null) {
      int w = s.windows.index(now);
      s.windows.completions[w]++;
      s.windows.responseSum[w] += response;
    }
    // the next in line goes first, so a customer routed back here queues behind it
    while (!s.queue.isEmpty()) {
      int next = s.queue.poll();
      if (customers.state[next] == CustomerPool.ABANDONED) {
        customers.release(next);
        continue;
      }
      s.waiting--;
      startService(next, s, now);
      break;
    }
    int target = pick(s.routeTargets, s.routeCumulative, s.routingRandom);
    if (target >= 0) {
      arrive(c, target, now);
    } else {
      exit(c, now);
    }
  }

  private void exit(int c, double now) {
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

  private void timeout(int c, int generation) {
    if (customers.generation[c] != generation || customers.state[c] != CustomerPool.WAITING) {
      return;
    }
    StationState s = stations[customers.station[c]];
    s.advance(kernel.now());
    s.waiting--;
    s.timeouts++;
    networkTimeouts++;
    // the row stays taken until the queue reaches it and lets it go
    customers.state[c] = CustomerPool.ABANDONED;
  }

  private void startStatistics() {
    double now = kernel.now();
    for (StationState s : stations) {
      s.resetStatistics(now);
    }
    networkArrivals = 0;
    exits = 0;
    networkDrops = 0;
    networkTimeouts = 0;
    networkResponse.reset();
    statisticsStart = now;
  }

  /** A target station index drawn from cumulative probabilities; -1 for the remainder (leave the network). */
  private static int pick(int[] targets, double[] cumulative, SplittableRandom random) {
    int n = targets.length;
    if (n == 0) {
      return -1;
    }
    if (n == 1 && cumulative[0] >= 1.0) {
      return targets[0];
    }
    double u = random.nextDouble();
    for (int i = 0; i < n; i++) {
      if (u < cumulative[i]) {
        return targets[i];
      }
    }
    return -1;
  }
}
