package io.doppel.bench.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.sim.scenario.Progress;
import io.doppel.sim.scenario.ScenarioDefinition;
import io.doppel.sim.scenario.ScenarioParser;
import io.doppel.sim.scenario.ScenarioResult;
import io.doppel.sim.scenario.ScenarioRunner;
import io.doppel.sim.twin.SimGraph;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * The speed target through the whole scenario path: a 50-service platform as twins (a source sending 500
 * requests/s to a gateway; every service calls each of its up to three children, a ternary call tree, with
 * probability 0.3; 10 ms mean service time, replicas for a utilisation near 0.6), captured, compiled and run for 1
 * simulated hour with 20 replications by the {@link ScenarioRunner}, which runs the baseline and the scenario (one
 * more gateway replica) side by side: 40 replications in all. Then a second scenario of the same snapshot (two more
 * replicas) on the same runner, whose baseline is the one just simulated and is reused: 20 replications. Prints per
 * run the wall time and the process's CPU time of prepare + run (on a shared machine the CPU time says what the run
 * costs, the wall time how busy the machine was), how long the last replication ran alone, events and the
 * machine's load average before the run.
 *
 * <p>Run: {@code java -cp bench/target/doppel-bench.jar io.doppel.bench.sim.ScenarioSpeedRun [services=50]}
 */
public final class ScenarioSpeedRun {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTEXT = """
      "@context": ["dtmi:dtdl:context;3", "dtmi:dtdl:extension:quantitativeTypes;1", "dtmi:io:doppel:sim;1"]""";
  private static final double RATE = 500;
  private static final double SERVICE_MS = 10;
  private static final double CALL_PROBABILITY = 0.3;

  private ScenarioSpeedRun() {}

  public static void main(String[] args) throws Exception {
    int services = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    SimGraph graph = platform(services);
    ScenarioDefinition def = ScenarioParser.parse(JSON.readTree("""
        {"horizon": 3600, "warmup": 60, "replications": 20, "seed": 1,
         "changes": [{"type": "setProperty", "twin": "svc-0", "property": "replicas", "value": %d}]}"""
        .formatted(replicas(RATE) + 1)));
    int cores = Runtime.getRuntime().availableProcessors();
    ScenarioRunner runner = new ScenarioRunner(cores);
    run("first", runner, graph, def, services, cores, load);
    // another scenario of the same snapshot: the baseline is the one just simulated
    ScenarioDefinition other = ScenarioParser.parse(JSON.readTree("""
        {"horizon": 3600, "warmup": 60, "replications": 20, "seed": 1,
         "changes": [{"type": "setProperty", "twin": "svc-0", "property": "replicas", "value": %d}]}"""
        .formatted(replicas(RATE) + 2)));
    run("second", runner, graph, other, services, cores,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /**
   * One what-if, timed; {@code tail_s} is how long the last replication ran alone after the one before it ended
   * (a core idle that long at the end).
   */
  private static void run(String name, ScenarioRunner runner, SimGraph graph, ScenarioDefinition def,
      int services, int cores, double load) throws InterruptedException {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<Long> finished = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    long cpuStart = os.getProcessCpuTime();
    long start = System.nanoTime();
    ScenarioResult r = runner.run(ScenarioRunner.prepare(graph, def, null), (done, total) -> finished.add(System.nanoTime()));
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
    List<Long> ends = new java.util.ArrayList<>(finished);
    java.util.Collections.sort(ends);
    double tail = ends.size() < 2 ? 0 : (ends.get(ends.size() - 1) - ends.get(ends.size() - 2)) / 1e9;
    long events = r.scenario().events() + (r.baselineReused() ? 0 : r.baseline().events());
    System.out.printf(Locale.ROOT, "run=%s services=%d cores=%d load_before=%.2f replications_simulated=%d"
        + " baseline_reused=%b wall_s=%.2f cpu_s=%.2f tail_s=%.2f events=%d events_per_s=%.0f"
        + " events_per_cpu_s=%.0f complete=%b/%b network_throughput=%.1f%n", name, services, cores, load,
        ends.size(), r.baselineReused(), wall, cpu, tail, events, events / wall, events / cpu,
        r.baseline().complete(), r.scenario().complete(), r.baseline().network().get("throughput").mean());
  }

  /** Replicas for a utilisation near 0.6 at this arrival rate. */
  private static int replicas(double rate) {
    return Math.max(1, (int) Math.ceil(rate * SERVICE_MS / 1000 / 0.6));
  }

  static SimGraph platform(int services) {
    try (TwinEngine engine = TwinEngine.inMemory()) {
      engine.addModels(List.of("""
          {%s, "@id": "dtmi:bench:Users;1", "@type": ["Interface", "SimSource"], "contents": [
            {"@type": ["Property", "ArrivalRate"], "name": "rate", "schema": "double"},
            {"@type": ["Relationship", "SimFlow"], "name": "sends"}]}""".formatted(CONTEXT), """
          {%s, "@id": "dtmi:bench:Service;1", "@type": ["Interface", "SimStation"], "contents": [
            {"@type": ["Property", "Replicas"], "name": "replicas", "schema": "integer"},
            {"@type": ["Property", "TimeSpan", "MeanServiceTime"], "name": "serviceTime", "schema": "double",
             "unit": "millisecond"},
            {"@type": ["Relationship", "SimFlow"], "name": "calls", "properties": [
              {"@type": ["Property", "CallProbability"], "name": "p", "schema": "double"}]}]}""".formatted(CONTEXT)));
      put(engine, "users", "dtmi:bench:Users;1", JSON.createObjectNode().put("rate", RATE));
      double[] rate = new double[services];
      rate[0] = RATE;
      for (int i = 1; i < services; i++) {
        rate[i] = rate[(i - 1) / 3] * CALL_PROBABILITY;
      }
      for (int i = 0; i < services; i++) {
        put(engine, "svc-" + i, "dtmi:bench:Service;1", JSON.createObjectNode().put("replicas", replicas(rate[i]))
            .put("serviceTime", SERVICE_MS));
      }
      relate(engine, "users", "svc-0", "sends", JSON.createObjectNode());
      for (int i = 1; i < services; i++) {
        relate(engine, "svc-" + (i - 1) / 3, "svc-" + i, "calls", JSON.createObjectNode().put("p", CALL_PROBABILITY));
      }
      try (var snapshot = engine.snapshot()) {
        return SimGraph.capture(snapshot);
      }
    }
  }

  private static void put(TwinEngine engine, String id, String model, ObjectNode body) {
    body.set("$metadata", JSON.createObjectNode().put("$model", model));
    engine.putTwin(id, body, Precondition.none());
  }

  private static void relate(TwinEngine engine, String source, String target, String name, ObjectNode body) {
    body.put("$targetId", target).put("$relationshipName", name);
    engine.putRelationship(source, source + "-" + target, body, Precondition.none());
  }
}
