package io.doppel.sim.twin;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import io.doppel.sim.dist.Invalid;
import io.doppel.sim.network.Failures;
import io.doppel.sim.network.Network;
import io.doppel.sim.network.Route;
import io.doppel.sim.network.SourceSpec;
import io.doppel.sim.network.StationSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a {@link SimGraph} to a {@link Network}. Sources and stations keep their twin ids; routers are folded
 * into the routes through them and sinks become exits. A twin's flows carry call probabilities; flows without one
 * share equally what the others leave to 1. Every rejection names the twin and property
 * ({@code twins[api].replicas: must be >= 1, was 0}).
 */
public final class NetworkCompiler {
  private static final int MAX_ROUTER_DEPTH = 32;

  private NetworkCompiler() {}

  public static CompiledNetwork compile(SimGraph graph) {
    return compile(graph, Map.of(), List.of());
  }

  /**
   * @param arrivals arrival processes that replace a source twin's own (Poisson at its arrival rate)
   * @param extra sources that are not twins, e.g. a flood sent at one twin
   */
  public static CompiledNetwork compile(
      SimGraph graph, Map<String, ArrivalProcess> arrivals, List<ExtraSource> extra) {
    return compile(graph, arrivals, extra, Map.of());
  }

  /** @param outages per station twin, periods in which it gives no service (a scenario's {@code fail} changes) */
  public static CompiledNetwork compile(SimGraph graph, Map<String, ArrivalProcess> arrivals,
      List<ExtraSource> extra, Map<String, List<Failures.Outage>> outages) {
    Network.Builder net = Network.builder();
    Map<String, Double> cost = new LinkedHashMap<>();
    Map<String, Double> meanService = new LinkedHashMap<>();
    Map<String, Integer> servers = new LinkedHashMap<>();
    Set<String> bounded = new HashSet<>();
    Map<String, Double> external = new LinkedHashMap<>();
    Map<String, Map<String, Double>> routes = new LinkedHashMap<>();
    List<Route> calls = new ArrayList<>();
    Map<String, Map<String, Double>> callsFrom = new LinkedHashMap<>();
    for (String id : arrivals.keySet()) {
      SimTwin t = graph.twin(id);
      if (t == null || t.role() != SimRole.SOURCE) {
        throw Invalid.field("workload.sources[" + id + "]", "no source twin '" + id + "' in the simulation");
      }
    }
    for (SimTwin twin : graph.twins()) {
      String at = "twins[" + twin.id() + "]";
      switch (twin.role()) {
        case SOURCE -> {
          ArrivalProcess process = arrivals.get(twin.id());
          if (process == null) {
            process = ArrivalProcess.poisson(positive(at, twin, SimVocabulary.ARRIVAL_RATE, null));
          }
          net.source(SourceSpec.of(twin.id(), process));
          external.put(twin.id(), process.meanRate());
          Map<String, Double> out = routesOf(graph, twin, at);
          if (out.isEmpty()) {
            throw Invalid.field(at, "a source needs at least one flow to a station");
          }
          double sum = out.values().stream().mapToDouble(Double::doubleValue).sum();
          if (sum < 1 - 1e-9) {
            throw Invalid.field(at, "a source's requests must all go somewhere, but its flows only reach stations"
                + " with probability " + sum + " (the rest ends at sinks)");
          }
          routes.put(twin.id(), out);
        }
        case STATION -> {
          StationSpec spec = SyncCalls.apply(graph, twin, at, StationBehaviours.apply(twin, at, station(twin, at)));
          for (Failures.Outage o : outages.getOrDefault(twin.id(), List.of())) {
            spec = spec.withOutage(o.start(), o.end());
          }
          Double perReplica = optional(at, twin, SimVocabulary.COST_PER_REPLICA_HOUR);
          if (perReplica != null && !(perReplica >= 0)) {
            throw Invalid.field(at + "." + name(twin, SimVocabulary.COST_PER_REPLICA_HOUR), "must be >= 0, was "
                + perReplica);
          }
          cost.put(twin.id(), perReplica == null ? 0 : perReplica * spec.servers());
          if (perReplica != null) {
            spec = spec.withCostRate(perReplica / 3600);
          }
          net.station(spec);
          // the traffic equations judge stability at the most replicas the station can have
          servers.put(twin.id(), spec.maxServers());
          meanService.put(twin.id(), spec.service().mean());
          if (spec.bounded() || spec.patience() != null) {
            bounded.add(twin.id());
          }
          Map<String, Double> out = routesOf(graph, twin, at);
          double sum = out.values().stream().mapToDouble(Double::doubleValue).sum();
          if (sum > 1 + 1e-9) {
            throw Invalid.field(at + ".flows", "call probabilities add up to " + sum + "; a request goes on along"
                + " at most one flow, so they may add up to at most 1");
          }
          routes.put(twin.id(), out);
          Map<String, Double> callLoad = new LinkedHashMap<>();
          calls.addAll(SyncCalls.routes(graph, twin, callLoad));
          if (!callLoad.isEmpty()) {
            callsFrom.put(twin.id(), callLoad);
          }
        }
        case ROUTER, SINK -> { }
      }
    }
    for (ExtraSource s : extra) {
      SimTwin target = graph.twin(s.target());
      if (target == null || target.role() != SimRole.STATION) {
        throw Invalid.field(s.id() + ".twin", "no station twin '" + s.target() + "'");
      }
      net.source(SourceSpec.of(s.id(), s.arrivals()));
      external.put(s.id(), s.arrivals().meanRate());
      routes.put(s.id(), Map.of(s.target(), 1.0));
    }
    routes.forEach((from, out) -> out.forEach((to, p) -> {
      Route route = new Route(from, to, Math.min(1, p));
      SimFlowEdge first = firstHop(graph, from, to);
      SimTwin owner = graph.twin(from);
      if (first != null && owner != null) {
        route = FlowBehaviours.apply(owner.schema().flows().get(first.name()), first, route);
      }
      net.route(route);
    }));
    calls.forEach(net::route);
    Network network = net.build();
    // a call adds to its callee's load as a route would: the caller's requests go on along their routes as well
    Map<String, Map<String, Double>> traffic = new LinkedHashMap<>();
    routes.forEach((from, out) -> traffic.put(from, new LinkedHashMap<>(out)));
    callsFrom.forEach((from, out) -> out.forEach((to, p) ->
        traffic.computeIfAbsent(from, k -> new LinkedHashMap<>()).merge(to, p, Double::sum)));
    Map<String, Double> load = TrafficEquations.offeredLoad(external, traffic, meanService, servers);
    List<String> warnings = new ArrayList<>();
    load.forEach((id, rho) -> {
      if (rho >= 1 && !bounded.contains(id)) {
        warnings.add("twins[" + id + "]: offered load " + String.format("%.3f", rho) + " >= 1 with an unbounded"
            + " queue: the queue grows until the run's customer limit stops it");
      }
    });
    return new CompiledNetwork(network, cost, load, warnings);
  }

  private static StationSpec station(SimTwin twin, String at) {
    Double replicas = optional(at, twin, SimVocabulary.REPLICAS);
    int c = 1;
    if (replicas != null) {
      if (!(replicas >= 1) || replicas != Math.rint(replicas) || replicas > 100_000) {
        throw Invalid.field(at + "." + name(twin, SimVocabulary.REPLICAS), "must be an integer >= 1 (at most"
            + " 100000), was " + replicas);
      }
      c = replicas.intValue();
    }
    double mean = positive(at, twin, SimVocabulary.MEAN_SERVICE_TIME, null);
    Double cv = optional(at, twin, SimVocabulary.SERVICE_TIME_CV);
    JsonNode family = SimGraph.value(twin.properties(), name(twin, SimVocabulary.SERVICE_DISTRIBUTION));
    Distribution service = ServiceTimes.of(at, mean, cv, family == null ? null : family.asText());
    StationSpec spec = StationSpec.of(twin.id(), c, service);
    Double capacity = optional(at, twin, SimVocabulary.QUEUE_CAPACITY);
    if (capacity != null) {
      if (!(capacity >= 0) || capacity != Math.rint(capacity) || capacity > Integer.MAX_VALUE - 1) {
        throw Invalid.field(at + "." + name(twin, SimVocabulary.QUEUE_CAPACITY), "must be an integer >= 0, was "
            + capacity);
      }
      spec = spec.withQueueCapacity(capacity.intValue());
    }
    if (flag(at, twin, SimVocabulary.BLOCK_WHEN_FULL)) {
      spec = spec.withBlocking();
    }
    Double timeout = optional(at, twin, SimVocabulary.TIMEOUT);
    if (timeout != null) {
      spec = spec.withPatience(Distribution.deterministic(Invalid.positive(at + "." + name(twin,
          SimVocabulary.TIMEOUT), timeout)));
    }
    return spec;
  }

  /** Where a twin's served requests go next, routers folded in, sinks dropped (those requests exit). */
  private static Map<String, Double> routesOf(SimGraph graph, SimTwin twin, String at) {
    Map<String, Double> out = new LinkedHashMap<>();
    spread(graph, twin, at, 1.0, out, 0);
    return out;
  }

  private static void spread(SimGraph graph, SimTwin from, String at, double mass, Map<String, Double> out,
      int depth) {
    if (depth > MAX_ROUTER_DEPTH) {
      throw Invalid.field(at + ".flows", "routers form a cycle or a chain longer than " + MAX_ROUTER_DEPTH);
    }
    List<SimFlowEdge> flows = handedOn(from, graph.outgoing(from.id()));
    Map<SimFlowEdge, Double> probabilities = probabilities(from, flows);
    for (var e : probabilities.entrySet()) {
      SimFlowEdge flow = e.getKey();
      SimTwin target = graph.twin(flow.target());
      if (target == null) {
        throw Invalid.field("relationships[" + flow.id() + "].target", "no simulation twin '" + flow.target() + "'");
      }
      double p = mass * e.getValue();
      switch (target.role()) {
        case STATION -> out.merge(target.id(), p, Double::sum);
        case ROUTER -> spread(graph, target, at, p, out, depth + 1);
        case SINK -> { }
        case SOURCE -> throw Invalid.field("relationships[" + flow.id() + "].target", "'" + target.id()
            + "' is a source; sources send requests and cannot receive them");
      }
    }
  }

  /**
   * The flow leaving {@code from} whose requests reach {@code to} (directly or through routers): its timeout,
   * retries, breaker and transport delay are the route's. The first such flow counts when several lead there.
   */
  private static @Nullable SimFlowEdge firstHop(SimGraph graph, String from, String to) {
    SimTwin owner = graph.twin(from);
    for (SimFlowEdge flow : owner == null ? graph.outgoing(from) : handedOn(owner, graph.outgoing(from))) {
      if (reaches(graph, flow.target(), to, 0)) {
        return flow;
      }
    }
    return null;
  }

  /** The flows along which requests are handed on (not calls the twin waits for). */
  private static List<SimFlowEdge> handedOn(SimTwin from, List<SimFlowEdge> flows) {
    List<SimFlowEdge> out = new ArrayList<>(flows.size());
    for (SimFlowEdge flow : flows) {
      if (!SyncCalls.isCall(from, flow)) {
        out.add(flow);
      }
    }
    return out;
  }

  private static boolean reaches(SimGraph graph, String node, String to, int depth) {
    if (node.equals(to)) {
      return true;
    }
    SimTwin twin = graph.twin(node);
    if (twin == null || twin.role() != SimRole.ROUTER || depth > MAX_ROUTER_DEPTH) {
      return false;
    }
    for (SimFlowEdge flow : graph.outgoing(node)) {
      if (reaches(graph, flow.target(), to, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  private static Map<SimFlowEdge, Double> probabilities(SimTwin from, List<SimFlowEdge> flows) {
    Map<SimFlowEdge, Double> out = new LinkedHashMap<>();
    double given = 0;
    int missing = 0;
    for (SimFlowEdge f : flows) {
      SimSchema.Flow schema = from.schema().flows().get(f.name());
      JsonNode v = SimGraph.value(f.properties(), schema == null ? null : schema.probability());
      if (v == null) {
        missing++;
        continue;
      }
      String at = "relationships[" + f.id() + "]." + java.util.Objects.requireNonNull(schema).probability();
      if (!v.isNumber()) {
        throw Invalid.field(at, "must be a number, was " + v);
      }
      double p = v.asDouble();
      if (!(p >= 0 && p <= 1)) {
        throw Invalid.field(at, "must be in [0, 1], was " + p);
      }
      given += p;
      if (p > 0) {
        out.put(f, p);
      }
    }
    if (given > 1 + 1e-9) {
      throw Invalid.field("twins[" + from.id() + "].flows", "call probabilities add up to " + given + "; a request"
          + " goes on along at most one flow, so they may add up to at most 1");
    }
    if (missing > 0 && given < 1) {
      double share = (1 - given) / missing;
      for (SimFlowEdge f : flows) {
        SimSchema.Flow schema = from.schema().flows().get(f.name());
        if (SimGraph.value(f.properties(), schema == null ? null : schema.probability()) == null) {
          out.put(f, share);
        }
      }
    }
    return out;
  }

  static @Nullable String name(SimTwin twin, String meaning) {
    SimSchema.Field f = twin.schema().field(meaning);
    return f == null ? null : f.name();
  }

  /** A numeric meaning of the twin converted to seconds where its property has a time unit; null if absent. */
  static @Nullable Double optional(String at, SimTwin twin, String meaning) {
    SimSchema.Field f = twin.schema().field(meaning);
    if (f == null) {
      return null;
    }
    JsonNode v = SimGraph.value(twin.properties(), f.name());
    if (v == null) {
      return null;
    }
    if (!v.isNumber()) {
      throw Invalid.field(at + "." + f.name(), "must be a number, was " + v);
    }
    return v.asDouble() * f.secondsPerUnit();
  }

  /** A boolean meaning of the twin; false if absent. */
  private static boolean flag(String at, SimTwin twin, String meaning) {
    SimSchema.Field f = twin.schema().field(meaning);
    JsonNode v = f == null ? null : SimGraph.value(twin.properties(), f.name());
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw Invalid.field(at + "." + f.name(), "must be true or false, was " + v);
    }
    return v.booleanValue();
  }

  private static double positive(String at, SimTwin twin, String meaning, @Nullable Double fallback) {
    SimSchema.Field f = twin.schema().field(meaning);
    if (f == null) {
      throw Invalid.field(at, "model " + twin.schema().model() + " has no property co-typed " + meaning);
    }
    Double v = optional(at, twin, meaning);
    if (v == null) {
      if (fallback != null) {
        return fallback;
      }
      throw Invalid.field(at + "." + f.name(), "is not set (" + meaning + " is needed to simulate this twin)");
    }
    return Invalid.positive(at + "." + f.name(), v);
  }
}
