package io.doppel.bench.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Change → derived value latency. Starts a {@link DoppelServer} on a temporary RocksDB data directory with floors
 * of 10 rooms each and the rule {@code averageTemperature = avg(rel('contains').temperature)} on every floor, then
 * patches room temperatures at a fixed rate (each value new, so every change moves its floor's average). For every
 * room change it measures the time from the change being published (durable) to the first durable rule write of its
 * floor with a higher version, and counts rule writes against room changes (a batch coalesces a floor's changes).
 *
 * <p>{@code java -cp bench/target/doppel-bench.jar io.doppel.bench.rules.RulesBench [rate/s] [seconds]
 * [warm-up seconds] [floors]}; defaults 5000 10 3 100.
 */
public final class RulesBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROOMS_PER_FLOOR = 10;
  private static final List<String> MODELS = List.of("""
      {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:bench:Room;1", "@type": "Interface",
       "contents": [{"@type": "Property", "name": "temperature", "schema": "double", "writable": true}]}""", """
      {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:bench:Floor;1", "@type": "Interface",
       "contents": [{"@type": "Property", "name": "averageTemperature", "schema": "double", "writable": true},
                    {"@type": "Relationship", "name": "contains", "target": "dtmi:bench:Room;1"}]}""");
  private static final String RULE = """
      {"kind": "derived", "model": "dtmi:bench:Floor;1", "target": "averageTemperature",
       "expression": "avg(rel('contains').temperature)"}""";

  private record Seen(long version, String twinId, boolean byRule, long nanos) {}

  private RulesBench() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "doppel-bench-logback.xml");
    }
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int floors = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    int rooms = floors * ROOMS_PER_FLOOR;
    Path dir = Files.createTempDirectory("doppel-rules-bench");
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(dir))) {
      TwinEngine engine = server.engine();
      engine.addModels(MODELS);
      for (int f = 0; f < floors; f++) {
        put(engine, "floor-" + f, "dtmi:bench:Floor;1", null);
      }
      for (int r = 0; r < rooms; r++) {
        put(engine, room(r), "dtmi:bench:Room;1", 20.0);
        ObjectNode rel = JSON.createObjectNode().put("$relationshipName", "contains").put("$targetId", room(r));
        engine.putRelationship("floor-" + (r / ROOMS_PER_FLOOR), "c-" + r, rel, Precondition.none());
      }
      long defineStart = System.nanoTime();
      server.rules().define("floor-avg", JSON.readTree(RULE));
      while (server.rules().get("floor-avg").writes() < floors) {
        Thread.sleep(1);
      }
      System.out.printf(Locale.ROOT, "defined the rule over %,d floors and %,d rooms: every floor written after "
          + "%.0f ms%n", floors, rooms, (System.nanoTime() - defineStart) / 1e6);

      ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
      long[] measuring = {Long.MAX_VALUE};
      AutoCloseable listener = engine.subscribe(e -> {
        if (e instanceof TwinEvent.TwinPatched p && e.version() > measuring[0]) {
          seen.add(new Seen(e.version(), p.twinId(), e.origin().channel().equals("rule"), System.nanoTime()));
        }
      });
      long firstMeasured = (long) rate * warmup / 2;
      long total = firstMeasured + (long) rate * seconds;
      System.out.printf(Locale.ROOT, "patching %,d room temperatures/s for %d s (after %d s at half the rate)%n",
          rate, seconds, warmup);
      long start = System.nanoTime();
      long sent = 0;
      while (sent < total) {
        long elapsed = System.nanoTime() - start;
        long warm = warmup * 1_000_000_000L;
        long due = Math.min(total, elapsed < warm ? elapsed * rate / 2_000_000_000L
            : firstMeasured + (elapsed - warm) * rate / 1_000_000_000L);
        for (; sent < due; sent++) {
          if (sent == firstMeasured) {
            measuring[0] = engine.version();
          }
          ArrayNode patch = JSON.createArrayNode();
          patch.addObject().put("op", "replace").put("path", "/temperature").put("value", 20 + sent * 1e-6);
          engine.submitPatch(room((int) (sent % rooms)), patch, Precondition.none());
        }
        Thread.sleep(0, 200_000);
      }
      double writeSeconds = (System.nanoTime() - start) / 1e9;
      long settleStart = System.nanoTime();
      // Settled when every floor holds the average of its rooms as they are now (or after 60 s).
      while (!settled(engine, floors) && System.nanoTime() - settleStart < 60_000_000_000L) {
        Thread.sleep(10);
      }
      System.out.printf(Locale.ROOT, "every floor settled %.0f ms after the last patch was sent%n",
          (System.nanoTime() - settleStart) / 1e6);
      listener.close();
      report(seen, total - firstMeasured, writeSeconds, server.rules().get("floor-avg").errors());
    }
  }

  private static boolean settled(TwinEngine engine, int floors) {
    for (int f = 0; f < floors; f++) {
      double sum = 0;
      for (int r = f * ROOMS_PER_FLOOR; r < (f + 1) * ROOMS_PER_FLOOR; r++) {
        sum += engine.getTwin(room(r)).json().path("temperature").asDouble();
      }
      double floor = engine.getTwin("floor-" + f).json().path("averageTemperature").asDouble(Double.NaN);
      if (Math.abs(floor - sum / ROOMS_PER_FLOOR) > 1e-9) {
        return false;
      }
    }
    return true;
  }

  private static void put(TwinEngine engine, String id, String model, Double temperature) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("$metadata").put("$model", model);
    if (temperature != null) {
      body.put("temperature", temperature);
    }
    engine.putTwin(id, body, Precondition.none());
  }

  private static String room(int r) {
    return "room-" + r;
  }

  private static void report(ConcurrentLinkedQueue<Seen> seen, long measured, double writeSeconds, long errors) {
    // Per floor, the room changes not yet reflected; a rule write of the floor reflects every one before it.
    Map<String, List<Seen>> waiting = new HashMap<>();
    List<Long> latencies = new ArrayList<>();
    long roomChanges = 0;
    long ruleWrites = 0;
    for (Seen s : seen.stream().sorted((a, b) -> Long.compare(a.version(), b.version())).toList()) {
      if (s.byRule()) {
        ruleWrites++;
        List<Seen> pending = waiting.remove(s.twinId());
        if (pending != null) {
          pending.forEach(p -> latencies.add(s.nanos() - p.nanos()));
        }
      } else {
        roomChanges++;
        String floor = "floor-" + (Integer.parseInt(s.twinId().substring(5)) / ROOMS_PER_FLOOR);
        waiting.computeIfAbsent(floor, k -> new ArrayList<>()).add(s);
      }
    }
    long unreflected = waiting.values().stream().mapToLong(List::size).sum();
    System.out.printf(Locale.ROOT, "%,d room changes measured (%,d sent at %.0f/s), %,d floor writes by the rule "
        + "(%.2f per change), %,d changes never reflected, %d rule errors%n", roomChanges, measured,
        measured / writeSeconds, ruleWrites, (double) ruleWrites / Math.max(1, roomChanges), unreflected, errors);
    long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(nanos);
    if (nanos.length == 0) {
      System.out.println("no samples");
      return;
    }
    System.out.printf(Locale.ROOT, "room change -> floor average written  p50 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms"
        + "  max %7.2f ms  (%,d samples)%n", ms(nanos, 0.50), ms(nanos, 0.99), ms(nanos, 0.999),
        nanos[nanos.length - 1] / 1e6, nanos.length);
  }

  private static double ms(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
  }
}
