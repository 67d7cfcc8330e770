package io.doppel.sim.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.sim.dist.Invalid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A MiSim architecture file to a twin graph. Each operation of a service takes {@code demand / capacity} seconds
 * on one instance; each of its dependencies is a call made with its {@code probability} (default 1). The clients
 * call the operations no other operation calls, each equally often; from there the operation visit counts follow
 * the dependencies, and a service's mean service time and its calls per request are the visit-weighted means over
 * its operations. A request in Doppel's network follows one path, so a service that makes more than one call per
 * request on average has its call probabilities scaled to add up to 1 (the unscaled mean is kept as
 * {@code callsPerRequest} and the import says so). Resilience patterns and network latency are not simulated and
 * are listed in the notes.
 */
final class MisimImporter {
  private static final Set<String> ROOT = Set.of("microservices", "network_latency");
  private static final Set<String> SERVICE = Set.of("name", "instances", "capacity", "operations", "patterns",
      "s_patterns", "loadbalancer_strategy");
  private static final Set<String> OPERATION = Set.of("name", "demand", "dependencies");
  private static final Set<String> DEPENDENCY = Set.of("service", "operation", "probability");

  private record Operation(String service, String name, double seconds, List<Call> calls) {}

  private record Call(String at, int target, double probability) {}

  private MisimImporter() {}

  static TopologyDocument read(String text, ImportOptions options) {
    JsonNode root = JsonFields.object("(root)", JsonFields.parse(TopologyDraft.JSON, text));
    JsonFields.onlyKnown("(root)", root, ROOT);
    JsonNode services = JsonFields.array("", root, "microservices", true);
    if (services.isEmpty()) {
      throw Invalid.field("microservices", "lists no service");
    }
    TopologyDraft draft = new TopologyDraft("misim");
    if (root.has("network_latency")) {
      draft.note("network_latency " + root.get("network_latency") + ": not simulated (calls take no transport time)");
    }
    List<Operation> ops = new ArrayList<>();
    Map<String, Map<String, Integer>> byService = new LinkedHashMap<>();
    List<JsonNode> pending = new ArrayList<>();
    List<String> pendingAt = new ArrayList<>();
    for (int i = 0; i < services.size(); i++) {
      String at = "microservices[" + i + "]";
      JsonNode s = JsonFields.object(at, services.get(i));
      JsonFields.onlyKnown(at, s, SERVICE);
      String name = JsonFields.text(at, s, "name");
      var props = draft.service(at + ".name", name);
      int instances = s.has("instances") ? JsonFields.count(at + ".instances", s.get("instances"), 1) : 1;
      double capacity = Invalid.positive(at + ".capacity", JsonFields.number(at, s, "capacity"));
      props.put("replicas", instances).put("instanceCapacity", capacity);
      for (String pattern : List.of("patterns", "s_patterns")) {
        for (JsonNode p : JsonFields.array(at, s, pattern, false)) {
          draft.note(at + "." + pattern + ": " + p.path("type").asText("?") + " on " + name + " is not simulated");
        }
      }
      JsonNode operations = JsonFields.array(at, s, "operations", true);
      if (operations.isEmpty()) {
        throw Invalid.field(at + ".operations", "a service needs at least one operation");
      }
      Map<String, Integer> own = new LinkedHashMap<>();
      byService.put(name, own);
      for (int j = 0; j < operations.size(); j++) {
        String oat = at + ".operations[" + j + "]";
        JsonNode o = JsonFields.object(oat, operations.get(j));
        JsonFields.onlyKnown(oat, o, OPERATION);
        String op = JsonFields.text(oat, o, "name");
        double demand = Invalid.positive(oat + ".demand", JsonFields.number(oat, o, "demand"));
        if (own.put(op, ops.size()) != null) {
          throw Invalid.field(oat + ".name", "a second operation named '" + op + "' in " + name);
        }
        ops.add(new Operation(name, op, demand / capacity, new ArrayList<>()));
        pending.add(o);
        pendingAt.add(oat);
      }
    }
    for (int k = 0; k < ops.size(); k++) {
      JsonNode o = pending.get(k);
      String oat = pendingAt.get(k);
      JsonNode deps = JsonFields.array(oat, o, "dependencies", false);
      for (int d = 0; d < deps.size(); d++) {
        String dat = oat + ".dependencies[" + d + "]";
        JsonNode dep = JsonFields.object(dat, deps.get(d));
        JsonFields.onlyKnown(dat, dep, DEPENDENCY);
        int target = resolve(dat, dep, byService);
        double p = 1;
        if (dep.has("probability")) {
          p = JsonFields.number(dat, dep, "probability");
          if (!(p >= 0 && p <= 1)) {
            throw Invalid.field(dat + ".probability", "must be in [0, 1], was " + p);
          }
        }
        ops.get(k).calls().add(new Call(dat, target, p));
      }
    }
    List<Integer> order = callOrder(ops);
    List<Integer> entries = entryOperations(ops, byService, options.entries());
    entries.forEach(k -> draft.entry(ops.get(k).service(), 1.0 / entries.size()));
    double[] visits = visits(ops, order, entries);
    for (var e : byService.entrySet()) {
      describe(draft, e.getKey(), e.getValue().values().stream().toList(), ops, visits);
    }
    return draft.build(options);
  }

  /** Finds the operation a dependency names: by service and operation, or by a qualified "service.operation". */
  private static int resolve(String at, JsonNode dep, Map<String, Map<String, Integer>> byService) {
    String op = JsonFields.text(at, dep, "operation");
    String service = JsonFields.optionalText(at, dep, "service");
    if (service != null) {
      Map<String, Integer> own = byService.get(service);
      if (own == null) {
        throw Invalid.field(at + ".service", "no microservice named '" + service + "'");
      }
      Integer found = own.get(op);
      if (found == null && op.startsWith(service + ".")) {
        found = own.get(op.substring(service.length() + 1));
      }
      if (found == null) {
        throw Invalid.field(at + ".operation", "'" + service + "' has no operation '" + op + "'; it has "
            + own.keySet());
      }
      return found;
    }
    Set<Integer> matches = new LinkedHashSet<>();
    byService.forEach((name, own) -> {
      if (own.containsKey(op)) {
        matches.add(own.get(op));
      }
      if (op.startsWith(name + ".") && own.containsKey(op.substring(name.length() + 1))) {
        matches.add(own.get(op.substring(name.length() + 1)));
      }
    });
    if (matches.size() != 1) {
      throw Invalid.field(at + ".operation", matches.isEmpty() ? "no operation '" + op + "' in any microservice"
          : "'" + op + "' names operations of several microservices; add \"service\"");
    }
    return matches.iterator().next();
  }

  /** The operations the clients call: those no dependency names (of the chosen services, if any are chosen). */
  private static List<Integer> entryOperations(List<Operation> ops, Map<String, Map<String, Integer>> byService,
      List<String> entries) {
    boolean[] called = new boolean[ops.size()];
    ops.forEach(o -> o.calls().forEach(c -> called[c.target()] = true));
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Map<String, Integer> own = byService.get(entries.get(i));
      if (own == null) {
        throw Invalid.field("entries[" + i + "]", "no microservice named '" + entries.get(i) + "'");
      }
      List<Integer> uncalled = own.values().stream().filter(k -> !called[k]).toList();
      out.addAll(uncalled.isEmpty() ? own.values() : uncalled);
    }
    if (entries.isEmpty()) {
      for (int k = 0; k < ops.size(); k++) {
        if (!called[k]) {
          out.add(k);
        }
      }
    }
    if (out.isEmpty()) {
      throw Invalid.field("microservices", "every operation is called by another, so there is no entry point;"
          + " name the entry services");
    }
    return out;
  }

  /** Every operation after all it calls; a cycle of calls is rejected at the dependency that closes it. */
  private static List<Integer> callOrder(List<Operation> ops) {
    int[] state = new int[ops.size()];
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < ops.size(); k++) {
      topological(ops, k, state, order, null);
    }
    return order;
  }

  /** Mean executions of each operation per client request, callers before callees. */
  private static double[] visits(List<Operation> ops, List<Integer> order, List<Integer> entries) {
    double[] visits = new double[ops.size()];
    for (int e : entries) {
      visits[e] += 1.0 / entries.size();
    }
    for (int i = order.size() - 1; i >= 0; i--) {
      Operation o = ops.get(order.get(i));
      for (Call c : o.calls()) {
        visits[c.target()] += visits[order.get(i)] * c.probability();
      }
    }
    return visits;
  }

  private static void topological(List<Operation> ops, int k, int[] state, List<Integer> order,
      @Nullable String via) {
    if (state[k] == 2) {
      return;
    }
    if (state[k] == 1) {
      throw Invalid.field(via == null ? "microservices" : via, "calls " + ops.get(k).service() + "."
          + ops.get(k).name() + ", which is already on the call path: the calls form a cycle");
    }
    state[k] = 1;
    for (Call c : ops.get(k).calls()) {
      topological(ops, c.target(), state, order, c.at());
    }
    state[k] = 2;
    order.add(k);
  }

  private static void describe(TopologyDraft draft, String service, List<Integer> own, List<Operation> ops,
      double[] visits) {
    double total = own.stream().mapToDouble(k -> visits[k]).sum();
    // A service no request reaches still gets parameters: its operations weighted equally.
    java.util.function.IntToDoubleFunction weight = total > 0 ? k -> visits[k] / total : k -> 1.0 / own.size();
    double seconds = 0;
    Map<String, Double> calls = new LinkedHashMap<>();
    for (int k : own) {
      Operation o = ops.get(k);
      seconds += weight.applyAsDouble(k) * o.seconds();
      for (Call c : o.calls()) {
        calls.merge(ops.get(c.target()).service(), weight.applyAsDouble(k) * c.probability(), Double::sum);
      }
    }
    draft.props(service).put("meanServiceTime", seconds * 1000);
    double sum = calls.values().stream().mapToDouble(Double::doubleValue).sum();
    if (sum > 1 + 1e-9) {
      draft.note(service + " makes " + String.format("%.3f", sum) + " calls per request; a request follows one path,"
          + " so its call probabilities are scaled to add up to 1 (callsPerRequest keeps the means)");
    }
    double scale = sum > 1 ? 1 / sum : 1;
    calls.forEach((target, mean) -> draft.edge(service, target, "calls", Math.min(1, mean * scale))
        .put("callsPerRequest", mean));
  }
}
