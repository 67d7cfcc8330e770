package io.doppel.bench.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data the query benchmark runs on. Assets of ten properties under a small model hierarchy, sized so that each
 * benchmark query has about 100 answers: {@code batch} has 100 twins per value, {@code temperature} is uniform in
 * [0, 100) so a 0.01-wide range holds ~100 per million, {@code Rare} has 100 twins. And a graph of nodes with ten
 * outgoing {@code link}s each, for MATCH.
 */
final class AssetGraph {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ASSET = "dtmi:bench:Asset;1";
  static final String RARE = "dtmi:bench:Rare;1";
  static final String NODE = "dtmi:bench:Node;1";
  static final String[] STATUS = {"ok", "ok", "ok", "warn", "fault"};
  static final int PER_BATCH = 100;
  static final int RARE_EVERY = 10_000;

  static final List<String> MODELS = List.of("""
      {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:bench:Asset;1", "@type": "Interface",
       "contents": [
         {"@type": "Property", "name": "name", "schema": "string"},
         {"@type": "Property", "name": "status", "schema": "string", "writable": true},
         {"@type": "Property", "name": "temperature", "schema": "double", "writable": true},
         {"@type": "Property", "name": "pressure", "schema": "double", "writable": true},
         {"@type": "Property", "name": "floor", "schema": "integer"},
         {"@type": "Property", "name": "batch", "schema": "string"},
         {"@type": "Property", "name": "serial", "schema": "string"},
         {"@type": "Property", "name": "installed", "schema": "date"},
         {"@type": "Property", "name": "enabled", "schema": "boolean", "writable": true},
         {"@type": "Property", "name": "load", "schema": "double", "writable": true}
       ]}""", """
      {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:bench:Pump;1", "@type": "Interface",
       "extends": "dtmi:bench:Asset;1"}""", """
      {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:bench:Valve;1", "@type": "Interface",
       "extends": "dtmi:bench:Asset;1"}""", """
      {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:bench:Rare;1", "@type": "Interface",
       "extends": "dtmi:bench:Asset;1"}""", """
      {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:bench:Node;1", "@type": "Interface",
       "contents": [
         {"@type": "Property", "name": "weight", "schema": "double"},
         {"@type": "Relationship", "name": "link", "target": "dtmi:bench:Node;1"}
       ]}""");

  private AssetGraph() {}

  static String assetId(int i) {
    return "asset-" + i;
  }

  static ObjectNode asset(int i) {
    SplittableRandom random = new SplittableRandom(i);
    String model = i % RARE_EVERY == 0 ? RARE : i % 2 == 0 ? "dtmi:bench:Pump;1" : "dtmi:bench:Valve;1";
    ObjectNode twin = JSON.createObjectNode();
    twin.putObject("$metadata").put("$model", model);
    twin.put("name", "asset " + i)
        .put("status", STATUS[random.nextInt(STATUS.length)])
        .put("temperature", random.nextDouble(100))
        .put("pressure", 1 + random.nextDouble(9))
        .put("floor", i % 100)
        .put("batch", "b-" + (i / PER_BATCH))
        .put("serial", "SN-" + i)
        .put("installed", "2024-0" + (1 + i % 9) + "-1" + (i % 10))
        .put("enabled", i % 7 != 0)
        .put("load", random.nextDouble());
    return twin;
  }

  static ArrayNode statusPatch(SplittableRandom random) {
    ArrayNode patch = JSON.createArrayNode();
    patch.addObject().put("op", "replace").put("path", "/status").put("value", STATUS[random.nextInt(5)]);
    patch.addObject().put("op", "replace").put("path", "/temperature").put("value", random.nextDouble(100));
    return patch;
  }

  /** Loads {@code count} assets with many twins in flight, so that each group commit carries many. */
  static void loadAssets(TwinEngine engine, int count, Progress progress) {
    engine.addModels(MODELS);
    int window = 8192;
    List<CompletableFuture<?>> inFlight = new ArrayList<>(window);
    for (int i = 0; i < count; i++) {
      inFlight.add(engine.putTwinAsync(assetId(i), asset(i), Precondition.none()));
      if (inFlight.size() == window) {
        inFlight.forEach(CompletableFuture::join);
        inFlight.clear();
        progress.at(i + 1);
      }
    }
    inFlight.forEach(CompletableFuture::join);
    progress.at(count);
  }

  static String nodeId(int i) {
    return "n-" + i;
  }

  /** {@code nodes} twins with {@code fanOut} outgoing links each to pseudo-random other nodes (seeded). */
  static void loadNodes(TwinEngine engine, int nodes, int fanOut, Progress progress) throws Exception {
    List<CompletableFuture<?>> created = new ArrayList<>(nodes);
    for (int i = 0; i < nodes; i++) {
      ObjectNode twin = JSON.createObjectNode();
      twin.putObject("$metadata").put("$model", NODE);
      twin.put("weight", i % 10);
      created.add(engine.putTwinAsync(nodeId(i), twin, Precondition.none()));
    }
    created.forEach(CompletableFuture::join);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 1024; w++) {
        writers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < nodes; i = next.getAndIncrement()) {
            SplittableRandom random = new SplittableRandom(31L * i);
            for (int k = 0; k < fanOut; k++) {
              ObjectNode rel = JSON.createObjectNode()
                  .put("$targetId", nodeId(random.nextInt(nodes)))
                  .put("$relationshipName", "link");
              engine.putRelationship(nodeId(i), "l" + k, rel, Precondition.none());
            }
            int d = done.incrementAndGet();
            if (d % 1000 == 0) {
              progress.at(d);
            }
          }
          return null;
        }));
      }
      for (Future<?> w : writers) {
        w.get();
      }
    }
    progress.at(nodes);
  }

  /** Prints a progress line now and then for long loads (stderr, so results on stdout stay clean). */
  static final class Progress {
    private final String what;
    private final int total;
    private final long start = System.nanoTime();
    private long lastPrint;

    Progress(String what, int total) {
      this.what = what;
      this.total = total;
    }

    synchronized void at(int done) {
      long now = System.nanoTime();
      if (done < total && now - lastPrint < 2_000_000_000L) {
        return;
      }
      lastPrint = now;
      int width = 30;
      int filled = (int) ((long) width * done / total);
      System.err.printf("\r%-12s [%s%s] %,d/%,d %.1fs", what, "#".repeat(filled), ".".repeat(width - filled), done,
          total, (now - start) / 1e9);
      if (done >= total) {
        System.err.println();
      }
    }
  }
}
