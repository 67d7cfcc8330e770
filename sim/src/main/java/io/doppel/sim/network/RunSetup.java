package io.doppel.sim.network;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.kernel.RandomStreams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Wires one replication of a network: each node's random streams (keyed by the node's id, so a node keeps its random
 * numbers when others change), the routing tables of sources and stations, and the run-time state of the routes
 * that take time or are watched calls. Built once per replication, before the first event.
 */
final class RunSetup {
  /** Stream purposes, combined with a node id's hash so a node keeps its random numbers when others change. */
  private static final int ARRIVALS = 0;
  private static final int SERVICE = 1;
  private static final int ROUTING = 2;
  private static final int PATIENCE = 3;

  private final SimulationConfig config;
  private final int replication;
  private final Network network;

  final @Nullable RouteState[] routes;
  final List<RouteState> watched = new ArrayList<>();
  /** Whether any route is a watched or synchronous call: a plain network skips the call book-keeping. */
  final boolean calls;
  final StationState[] stations;
  final ArrivalProcess[] arrivals;
  final SplittableRandom[] arrivalRandom;
  final SplittableRandom[] sourceRouting;
  final int[][] sourceTargets;
  final double[][] sourceCumulative;
  final @Nullable RouteState[][] sourceRoutes;
  final long[] sourceLimit;
  /** Windows of the time series; 0 when none were asked for. */
  final int windows;

  RunSetup(Network network, SimulationConfig config, int replication) {
    this.network = network;
    this.config = config;
    this.replication = replication;
    windows = config.window() > 0 ? (int) Math.ceil(config.horizon() / config.window()) : 0;
    routes = routeStates();
    calls = network.routes().stream().anyMatch(r -> r.watched() || r.synchronous());
    List<StationSpec> stationSpecs = network.stations();
    stations = new StationState[stationSpecs.size()];
    for (int i = 0; i < stations.length; i++) {
      StationSpec spec = stationSpecs.get(i);
      Routing out = routing(spec.id(), false);
      Routing calls = routing(spec.id(), true);
      stations[i] = new StationState(spec, random(spec.id(), SERVICE), random(spec.id(), ROUTING),
          random(spec.id(), PATIENCE), random("failures:" + spec.id()), random("lead-time:" + spec.id()),
          out.targets, out.cumulative, out.states, calls.targets, calls.cumulative, calls.states,
          random("calls:" + spec.id()), windows());
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
    for (int i = 0; i < n; i++) {
      SourceSpec s = network.sources().get(i);
      arrivals[i] = s.arrivals();
      arrivalRandom[i] = random(s.id(), ARRIVALS);
      sourceRouting[i] = random(s.id(), ROUTING);
      sourceLimit[i] = s.limit();
      Routing out = routing(s.id(), false);
      sourceTargets[i] = out.targets;
      sourceCumulative[i] = out.cumulative;
      sourceRoutes[i] = out.states;
    }
  }

  /** Counts per window for one station or the network, or null without a time series. */
  @Nullable WindowCounts windows() {
    return windows > 0 ? new WindowCounts(config.window(), windows) : null;
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
  private @Nullable RouteState[] routeStates() {
    List<Route> list = network.routes();
    RouteState[] states = new RouteState[list.size()];
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < states.length; i++) {
      Route r = list.get(i);
      // streams keyed by the ends (and the how-many-th such route), not the position, for common random numbers
      String key = r.from() + "->" + r.to() + "#" + seen.merge(r.from() + "->" + r.to(), 1, Integer::sum);
      if (r.delay() != null || r.watched()) {
        int target = network.stationIndex(r.to());
        boolean reserves = r.delay() != null && network.stations().get(target).blocking()
            && network.stationIndex(r.from()) >= 0 && !r.synchronous();
        states[i] = new RouteState(i, r, target, reserves, random("delay:" + key), random("backoff:" + key));
        if (r.watched()) {
          watched.add(states[i]);
        }
      }
    }
    return states;
  }

  private record Routing(int[] targets, double[] cumulative, @Nullable RouteState[] states) {}

  /** A node's ordinary routes (cumulative probabilities) or, with {@code synchronous}, its calls (own probabilities). */
  private Routing routing(String from, boolean synchronous) {
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
}
