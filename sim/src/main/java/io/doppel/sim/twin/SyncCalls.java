package io.doppel.sim.twin;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.sim.dist.Invalid;
import io.doppel.sim.network.FanOut;
import io.doppel.sim.network.Route;
import io.doppel.sim.network.StationSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Flows that are synchronous calls: a {@code SimFlow} whose {@code CallMode} is {@code sequential} or
 * {@code parallel}. The calling station waits for the callee's reply instead of handing the request on; its
 * sequential calls are made one after another, its parallel ones all at once, joined when {@code JoinCount} of them
 * (the station's property; absent: all) have replied. A call's {@code CallProbability} is its own (absent: 1),
 * not a share of the station's ordinary flows. Rejections name the relationship or twin and property.
 */
final class SyncCalls {
  static final String SEQUENTIAL = "sequential";
  static final String PARALLEL = "parallel";

  private SyncCalls() {}

  /** Whether the flow is a call (it has a call mode), checked to be one the station can make. */
  static boolean isCall(SimTwin from, SimFlowEdge flow) {
    if (mode(from, flow) == null) {
      return false;
    }
    if (from.role() != SimRole.STATION) {
      throw Invalid.field(at(flow, from), "only a station twin can wait for a call's reply; '" + from.id()
          + "' is a " + from.role().name().toLowerCase(java.util.Locale.ROOT));
    }
    return true;
  }

  /** The station with its calls in parallel when its call flows say so, joined at its {@code JoinCount}. */
  static StationSpec apply(SimGraph graph, SimTwin twin, String at, StationSpec spec) {
    List<SimFlowEdge> calls = calls(graph, twin);
    String first = null;
    for (SimFlowEdge flow : calls) {
      String mode = mode(twin, flow);
      if (first != null && !first.equals(mode)) {
        throw Invalid.field(at(flow, twin), "a twin's calls are all sequential or all parallel; '" + calls.getFirst().id()
            + "' is " + first + ", this one " + mode);
      }
      first = mode;
    }
    Double join = NetworkCompiler.optional(at, twin, SimVocabulary.JOIN_COUNT);
    if (join == null) {
      return PARALLEL.equals(first) ? spec.withParallelCalls() : spec;
    }
    String field = at + "." + NetworkCompiler.name(twin, SimVocabulary.JOIN_COUNT);
    if (!PARALLEL.equals(first)) {
      throw Invalid.field(field, "a join count needs parallel calls (a flow with CallMode parallel)");
    }
    if (!(join >= 1) || join != Math.rint(join) || join > calls.size()) {
      throw Invalid.field(field, "must be an integer from 1 to the twin's " + calls.size() + " parallel calls, was "
          + join);
    }
    return spec.withParallelCalls(join.intValue());
  }

  /** The station's calls as synchronous routes, with their flows' behaviours; each adds to its callee's load. */
  static List<Route> routes(SimGraph graph, SimTwin twin, Map<String, Double> load) {
    List<Route> out = new ArrayList<>();
    for (SimFlowEdge flow : calls(graph, twin)) {
      SimTwin target = graph.twin(flow.target());
      if (target == null || target.role() != SimRole.STATION) {
        throw Invalid.field("relationships[" + flow.id() + "].target", "a call must go to a station twin, '"
            + flow.target() + "' is " + (target == null ? "not a simulation twin" : "a "
            + target.role().name().toLowerCase(java.util.Locale.ROOT)));
      }
      double p = probability(twin, flow);
      if (p == 0) {
        continue;
      }
      Route route = new Route(twin.id(), target.id(), p).asSynchronous();
      out.add(FlowBehaviours.apply(twin.schema().flows().get(flow.name()), flow, route));
      load.merge(target.id(), p, Double::sum);
    }
    return out;
  }

  private static List<SimFlowEdge> calls(SimGraph graph, SimTwin twin) {
    List<SimFlowEdge> calls = new ArrayList<>();
    for (SimFlowEdge flow : graph.outgoing(twin.id())) {
      if (isCall(twin, flow)) {
        calls.add(flow);
      }
    }
    return calls;
  }

  private static double probability(SimTwin from, SimFlowEdge flow) {
    SimSchema.Flow schema = from.schema().flows().get(flow.name());
    String name = schema == null ? null : schema.probability();
    JsonNode v = SimGraph.value(flow.properties(), name);
    if (v == null) {
      return 1;
    }
    String at = "relationships[" + flow.id() + "]." + name;
    if (!v.isNumber()) {
      throw Invalid.field(at, "must be a number, was " + v);
    }
    double p = v.asDouble();
    if (!(p >= 0 && p <= 1)) {
      throw Invalid.field(at, "must be in [0, 1], was " + p);
    }
    return p;
  }

  /** The flow's call mode, or null for an ordinary flow (the request is handed on). */
  private static @Nullable String mode(SimTwin from, SimFlowEdge flow) {
    SimSchema.Flow schema = from.schema().flows().get(flow.name());
    SimSchema.Field f = schema == null ? null : schema.field(SimVocabulary.CALL_MODE);
    JsonNode v = f == null ? null : SimGraph.value(flow.properties(), f.name());
    if (v == null || v.isNull()) {
      return null;
    }
    String mode = v.isTextual() ? v.asText() : "";
    if (!mode.equals(SEQUENTIAL) && !mode.equals(PARALLEL)) {
      throw Invalid.field("relationships[" + flow.id() + "]." + f.name(), "must be \"sequential\" or \"parallel\","
          + " was " + v);
    }
    return mode;
  }

  private static String at(SimFlowEdge flow, SimTwin from) {
    SimSchema.Field f = from.schema().flows().get(flow.name()).field(SimVocabulary.CALL_MODE);
    return "relationships[" + flow.id() + "]." + f.name();
  }
}
