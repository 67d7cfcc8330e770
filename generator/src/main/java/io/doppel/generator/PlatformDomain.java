package io.doppel.generator;

import static io.doppel.generator.Signals.clamp;
import static io.doppel.generator.Signals.round;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The software platform: users arrive at the entry services with a daily cycle; each service passes load on along
 * its {@code calls} relationships (times {@code callsPerRequest}); latency rises steeply as a service nears its
 * capacity (replicas times a per-replica rate) and includes the slowest service it calls; error rates rise past 85%
 * utilisation. Hosts, datastores, topics and the broker follow from the services' load. A latency spike makes one
 * service slow and error-prone, which its callers feel too.
 */
final class PlatformDomain implements Domain {
  static final String SPIKE = "latency-spike";
  private static final double PER_REPLICA_RPS = 60;
  private static final Map<String, Double> ENTRY_RPS = Map.of("web-frontend", 110.0, "notification", 12.0);

  private final DemoGraph graph;
  private final RandomGenerator random;
  private final Map<String, ObjectNode> services = new LinkedHashMap<>();
  private final Map<String, Double> lag = new HashMap<>();
  private final Map<String, Double> disk = new HashMap<>();
  private final Map<String, String> status = new HashMap<>();

  PlatformDomain(DemoGraph graph, RandomGenerator random) {
    this.graph = graph;
    this.random = random;
    graph.twinsOf("Service").forEach(s -> services.put(DemoGraph.id(s), s));
    graph.twinsOf("Datastore").forEach(d -> disk.put(DemoGraph.id(d), 20 + random.nextDouble() * 80));
  }

  @Override
  public String pack() {
    return "software-platform";
  }

  @Override
  public void step(Instant now, double dt, List<Incident> active, boolean live, Consumer<Update> out) {
    double load = Signals.dailyLoad(now, 1);
    Map<String, Double> rate = new HashMap<>();
    services.keySet().forEach(id -> rate(id, load, rate, new HashSet<>()));
    Map<String, Double> latency = new HashMap<>();
    Map<String, Double> cpu = new HashMap<>();
    for (String id : services.keySet()) {
      latency(id, rate, active, latency, new HashSet<>());
      cpu.put(id, clamp(utilisation(id, rate) * 0.75 * Signals.noise(random, 0.04), 0.01, 1));
    }
    for (String id : services.keySet()) {
      Incident spike = Domain.on(active, SPIKE, id);
      double util = utilisation(id, rate);
      double errors = 0.002 + Math.max(0, util - 0.85) * 0.4 + (spike == null ? 0 : 0.06);
      ObjectNode values = DemoGraph.JSON.createObjectNode()
          .put("requestRate", round(rate.get(id) * Signals.noise(random, 0.03), 2))
          .put("latencyP99", round(latency.get(id) * Signals.noise(random, 0.05), 1))
          .put("errorRate", round(clamp(errors * Signals.noise(random, 0.2), 0, 1), 4))
          .put("cpu", round(cpu.get(id), 3));
      out.accept(new Update.Telemetry(id, null, values, now));
      if (live) {
        String wanted = spike == null ? "healthy" : "degraded";
        if (!wanted.equals(status.put(id, wanted))) {
          out.accept(new Update.Properties(id, DemoGraph.JSON.createObjectNode().put("status", wanted), now));
        }
      }
    }
    hosts(now, cpu, out);
    datastores(now, dt, rate, out);
    topics(now, dt, rate, active, out);
  }

  @Override
  public @Nullable Incident incident(Instant now, RandomGenerator random) {
    List<String> ids = List.copyOf(services.keySet());
    if (ids.isEmpty()) {
      return null;
    }
    String id = ids.get(random.nextInt(ids.size()));
    Duration length = Duration.ofSeconds(60 + random.nextInt(120));
    return new Incident(SPIKE, id, now, length, "latency spike on service " + id + " for " + length.toSeconds() + " s");
  }

  private double rate(String id, double load, Map<String, Double> memo, Set<String> visiting) {
    Double known = memo.get(id);
    if (known != null) {
      return known;
    }
    double r = ENTRY_RPS.getOrDefault(id, 0.0) * load;
    if (visiting.add(id)) { // a call cycle would otherwise recurse forever
      for (ObjectNode call : graph.incoming(id, "calls")) {
        String caller = call.path("$sourceId").asText();
        r += rate(caller, load, memo, visiting) * call.path("callsPerRequest").asDouble(1);
      }
      visiting.remove(id);
    }
    memo.put(id, r);
    return r;
  }

  private double utilisation(String id, Map<String, Double> rate) {
    int replicas = Math.max(1, services.get(id).path("replicas").asInt(1));
    return rate.get(id) / (replicas * PER_REPLICA_RPS);
  }

  private double latency(String id, Map<String, Double> rate, List<Incident> active, Map<String, Double> memo,
      Set<String> visiting) {
    Double known = memo.get(id);
    if (known != null) {
      return known;
    }
    double slo = services.get(id).path("sloLatency").asDouble(200);
    double util = Math.min(utilisation(id, rate), 1.5);
    double own = slo * 0.12 * (1 + 0.8 * Math.pow(util, 4));
    if (Domain.on(active, SPIKE, id) != null) {
      own *= 6;
    }
    double slowestCallee = 0;
    if (visiting.add(id)) {
      for (ObjectNode call : graph.outgoing(id, "calls")) {
        String callee = call.path("$targetId").asText();
        if (services.containsKey(callee)) {
          slowestCallee = Math.max(slowestCallee, latency(callee, rate, active, memo, visiting));
        }
      }
      visiting.remove(id);
    }
    double total = own + slowestCallee;
    memo.put(id, total);
    return total;
  }

  private void hosts(Instant now, Map<String, Double> cpu, Consumer<Update> out) {
    for (ObjectNode host : graph.twinsOf("Host")) {
      String hostId = DemoGraph.id(host);
      double sum = 0;
      double memory = 0;
      int n = 0;
      for (ObjectNode runs : graph.incoming(hostId, "runsOn")) {
        String workload = runs.path("$sourceId").asText();
        sum += cpu.getOrDefault(workload, 0.3);
        n++;
        ObjectNode w = services.get(workload);
        memory += w == null ? 2 : w.path("replicas").asInt(1) * w.path("memoryPerReplica").asDouble(512) / 1024;
      }
      double utilisation = clamp((n == 0 ? 0.1 : sum / n) * Signals.noise(random, 0.05), 0, 1);
      double total = host.path("memory").asDouble(64);
      ObjectNode values = DemoGraph.JSON.createObjectNode()
          .put("cpuUtilization", round(utilisation, 3))
          .put("memoryUsed", round(Math.min(total, memory * (0.7 + 0.3 * utilisation) + 1.5), 2));
      out.accept(new Update.Telemetry(hostId, null, values, now));
    }
  }

  private void datastores(Instant now, double dt, Map<String, Double> rate, Consumer<Update> out) {
    for (ObjectNode store : graph.twinsOf("Datastore")) {
      String id = DemoGraph.id(store);
      double demand = 0;
      for (String rel : List.of("readsFrom", "writesTo")) {
        for (ObjectNode r : graph.incoming(id, rel)) {
          demand += rate.getOrDefault(r.path("$sourceId").asText(), 0.0);
        }
      }
      int maxConnections = store.path("maxConnections").asInt(200);
      double util = Math.min(1.2, demand / (maxConnections * 4.0));
      double used = disk.merge(id, demand * dt * 2e-6, Double::sum);
      ObjectNode values = DemoGraph.JSON.createObjectNode()
          .put("connections", (int) Math.min(maxConnections, 4 + demand * 0.08 * Signals.noise(random, 0.05)))
          .put("queryLatencyP99", round((2 + 18 * util * util) * Signals.noise(random, 0.08), 2))
          .put("diskUsed", round(used, 3));
      out.accept(new Update.Telemetry(id, null, values, now));
    }
  }

  private void topics(Instant now, double dt, Map<String, Double> rate, List<Incident> active,
      Consumer<Update> out) {
    double bytesIn = 0;
    for (ObjectNode topic : graph.twinsOf("Topic")) {
      String id = DemoGraph.id(topic);
      double in = 0;
      for (ObjectNode p : graph.incoming(id, "publishesTo")) {
        in += rate.getOrDefault(p.path("$sourceId").asText(), 0.0) * 0.2;
      }
      boolean consumerSlow = false;
      for (ObjectNode c : graph.incoming(id, "consumesFrom")) {
        consumerSlow |= Domain.on(active, SPIKE, c.path("$sourceId").asText()) != null;
      }
      double drained = consumerSlow ? in * 0.3 : in * 1.3 + 5;
      double backlog = Math.max(0, lag.getOrDefault(id, 0.0) + (in - drained) * dt);
      lag.put(id, backlog);
      bytesIn += in * 900;
      ObjectNode values = DemoGraph.JSON.createObjectNode()
          .put("messagesIn", round(in * Signals.noise(random, 0.05), 2))
          .put("consumerLag", (long) backlog);
      out.accept(new Update.Telemetry(id, null, values, now));
    }
    for (ObjectNode broker : graph.twinsOf("MessageBroker")) {
      out.accept(new Update.Telemetry(DemoGraph.id(broker), null,
          DemoGraph.JSON.createObjectNode().put("bytesIn", round(bytesIn * Signals.noise(random, 0.05), 1)), now));
    }
  }
}
