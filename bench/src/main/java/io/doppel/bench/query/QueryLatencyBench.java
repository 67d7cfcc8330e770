package io.doppel.bench.query;

import io.doppel.query.QueryLimits;
import io.doppel.query.QueryPage;
import io.doppel.query.QueryService;
import io.doppel.store.rocksdb.RocksTwinStore;
import io.doppel.twin.TwinEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Query latency on a million twins in the default RocksDB store: indexed equality, range, model and id-prefix
 * lookups with up to 100 answers, selective counts, and MATCH expansions of 1 to 3 hops over 100,000 nodes with ten
 * links each — each beside a plain scan of the same data, then again while 10,000 durable patches per second are
 * written. A main class, not JMH: each query is timed end to end (all pages), percentiles over many runs.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -Xmx6g -cp bench/target/doppel-bench.jar
 * io.doppel.bench.query.QueryLatencyBench [twins=1000000] [nodes=100000] [runs=1000]}; {@code -Dbench.idle=false}
 * measures only under writes, {@code -Dbench.scans=false} leaves out the plain scans.
 */
public final class QueryLatencyBench {
  private static final int PAGE = 100;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final RuntimeMXBean UPTIME = ManagementFactory.getRuntimeMXBean();

  private QueryLatencyBench() {}

  /** One kind of query: its label, the target it is held to, and its text for the n-th run. */
  record Case(String label, String target, IntFunction<String> text, boolean scan) {}

  /**
   * What one case measured: wall-clock percentiles, and what the p99 is made of: the same percentile with the
   * collector's pauses that overlapped each run taken out, the query thread's CPU time (which load on the machine
   * does not stretch), the time spent opening snapshots (waiting for the writer's batch to finish applying), and how
   * many runs a pause overlapped.
   */
  record Row(String label, String target, double results, double p50, double p99, double max, int runs,
      double p99WithoutGc, double p99Cpu, double p99Snapshot, int gcHitRuns) {}

  public static void main(String[] args) throws Exception {
    int twins = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    Path dir = Files.createTempDirectory("doppel-bench-query");
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(dir))) {
      long t0 = System.nanoTime();
      AssetGraph.loadAssets(engine, twins, new AssetGraph.Progress("assets", twins));
      System.out.printf(Locale.ROOT, "loaded %,d assets in %.1f s%n", twins, (System.nanoTime() - t0) / 1e9);
      for (String path : List.of("status", "temperature", "batch", "serial")) {
        long t = System.nanoTime();
        engine.createIndex(path);
        System.out.printf(Locale.ROOT, "index %s built in %.1f s%n", path, (System.nanoTime() - t) / 1e9);
      }
      t0 = System.nanoTime();
      AssetGraph.loadNodes(engine, nodes, 10, new AssetGraph.Progress("links", nodes));
      System.out.printf(Locale.ROOT, "loaded %,d nodes with 10 links each in %.1f s%n", nodes,
          (System.nanoTime() - t0) / 1e9);

      // Scans are what the planner falls back to without an index: let them run to the end.
      QueryLimits limits = QueryLimits.defaults().withWorkBudgetPerPage(Long.MAX_VALUE / 4);
      SnapshotClock snapshots = new SnapshotClock(engine::snapshot);
      try (QueryService queries = new QueryService(snapshots, limits, java.time.Clock.systemUTC());
          GcPauses pauses = new GcPauses()) {
        List<Case> cases = cases(twins, nodes, Boolean.parseBoolean(System.getProperty("bench.scans", "true")));
        if (Boolean.parseBoolean(System.getProperty("bench.idle", "true"))) {
          Phase idle = Phase.start(pauses);
          List<Row> rows = measure(queries, snapshots, pauses, cases, runs);
          print("idle", rows);
          idle.print(pauses);
        }
        try (PatchWriter writer = PatchWriter.start(engine, twins, 10_000)) {
          Phase busy = Phase.start(pauses);
          List<Row> rows = measure(queries, snapshots, pauses, cases, runs);
          print(String.format(Locale.ROOT, "while writing (%s)", writer.report()), rows);
          busy.print(pauses);
        }
      }
    }
  }

  static List<Case> cases(int twins, int nodes, boolean scans) {
    int batches = twins / AssetGraph.PER_BATCH;
    double width = 100.0 * 100 / twins; // temperature is uniform in [0, 100): ~100 twins per width
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("serial = 'SN-n' (index, 1 answer)", "p50 < 2, p99 < 10",
        n -> "SELECT * FROM DIGITALTWINS WHERE serial = 'SN-" + mix(n, twins) + "'", false));
    cases.add(new Case("batch = 'b-n' (index, 100 answers)", "p50 < 2, p99 < 10",
        n -> "SELECT * FROM DIGITALTWINS WHERE batch = 'b-" + mix(n, batches) + "'", false));
    cases.add(new Case("temperature range (index, ~100 answers)", "p50 < 2, p99 < 10", n -> {
      double low = mix(n, 9_900) / 100.0;
      return String.format(Locale.ROOT, "SELECT * FROM DIGITALTWINS WHERE temperature >= %.4f AND temperature < %.4f",
          low, low + width);
    }, false));
    cases.add(new Case("IS_OF_MODEL(Rare) (model index, 100 answers)", "p50 < 2, p99 < 10",
        n -> "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('" + AssetGraph.RARE + "')", false));
    cases.add(new Case("TOP(100) IS_OF_MODEL(Asset) (model hierarchy)", "p50 < 2, p99 < 10",
        n -> "SELECT TOP(100) * FROM DIGITALTWINS WHERE IS_OF_MODEL('" + AssetGraph.ASSET + "')", false));
    cases.add(new Case("STARTSWITH($dtId, 'asset-n') (id prefix, ~11)", "p50 < 2, p99 < 10",
        n -> "SELECT * FROM DIGITALTWINS WHERE STARTSWITH($dtId, 'asset-" + (10_000 + mix(n, 89_999)) + "')",
        false));
    cases.add(new Case("batch = AND status = 'fault' (index + filter)", "p50 < 2, p99 < 10",
        n -> "SELECT * FROM DIGITALTWINS WHERE batch = 'b-" + mix(n, batches) + "' AND status = 'fault'", false));
    cases.add(new Case("COUNT() WHERE batch = 'b-n' (selective)", "< 20",
        n -> "SELECT COUNT() FROM DIGITALTWINS WHERE batch = 'b-" + mix(n, batches) + "'", false));
    cases.add(new Case("COUNT() WHERE IS_OF_MODEL(Rare) (selective)", "< 20",
        n -> "SELECT COUNT() FROM DIGITALTWINS WHERE IS_OF_MODEL('" + AssetGraph.RARE + "')", false));
    for (int hops = 1; hops <= 3; hops++) {
      String range = hops == 1 ? "" : "*.." + hops;
      cases.add(new Case("MATCH 1.." + hops + " hops from a node (fan-out 10)", "p99 < 50",
          n -> "SELECT b FROM DIGITALTWINS MATCH (a)-[:link" + range + "]->(b) WHERE a.$dtId = 'n-"
              + mix(n, nodes) + "'", false));
    }
    if (!scans) {
      return cases;
    }
    cases.add(new Case("plain scan: name = 'asset n' (no index, 1 answer)", "peer",
        n -> "SELECT * FROM DIGITALTWINS WHERE name = 'asset " + mix(n, twins) + "'", true));
    cases.add(new Case("plain scan: COUNT() WHERE pressure > 9.99", "peer",
        n -> "SELECT COUNT() FROM DIGITALTWINS WHERE pressure > 9.99", true));
    return cases;
  }

  /** A pseudo-random int in [0, bound) for the n-th run, the same in every session. */
  private static int mix(int n, int bound) {
    return new SplittableRandom(n * 0x9E3779B97F4A7C15L).nextInt(bound);
  }

  static List<Row> measure(QueryService queries, SnapshotClock snapshots, GcPauses pauses, List<Case> cases,
      int runs) {
    List<Row> rows = new ArrayList<>();
    for (Case c : cases) {
      int measured = c.scan() ? Math.max(3, runs / 200) : runs;
      int warmup = c.scan() ? 1 : Math.min(300, runs);
      for (int i = 0; i < warmup; i++) {
        runToEnd(queries, c.text().apply(1_000_000 + i));
      }
      long[] nanos = new long[measured];
      long[] cpu = new long[measured];
      long[] snapshotNanos = new long[measured];
      long[] startMillis = new long[measured];
      long[] endMillis = new long[measured];
      int firstPause = pauses.count();
      long results = 0;
      for (int i = 0; i < measured; i++) {
        String text = c.text().apply(i);
        snapshots.reset();
        startMillis[i] = UPTIME.getUptime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        results += runToEnd(queries, text);
        nanos[i] = System.nanoTime() - start;
        cpu[i] = THREADS.getCurrentThreadCpuTime() - cpuStart;
        endMillis[i] = UPTIME.getUptime();
        snapshotNanos[i] = snapshots.nanos();
      }
      List<GcPauses.Pause> met = pauses.since(firstPause);
      long[] withoutGc = new long[measured];
      int gcHit = 0;
      for (int i = 0; i < measured; i++) {
        long covered = GcPauses.overlap(met, startMillis[i], endMillis[i]);
        gcHit += covered > 0 ? 1 : 0;
        withoutGc[i] = Math.max(0, nanos[i] - covered * 1_000_000);
      }
      Arrays.sort(nanos);
      Arrays.sort(cpu);
      Arrays.sort(snapshotNanos);
      Arrays.sort(withoutGc);
      rows.add(new Row(c.label(), c.target(), (double) results / measured, ms(percentile(nanos, 0.50)),
          ms(percentile(nanos, 0.99)), ms(nanos[nanos.length - 1]), measured, ms(percentile(withoutGc, 0.99)),
          ms(percentile(cpu, 0.99)), ms(percentile(snapshotNanos, 0.99)), gcHit));
    }
    return rows;
  }

  /** Runs a query through all its pages; the number of rows (a COUNT's value for a count). */
  private static long runToEnd(QueryService queries, String text) {
    long rows = 0;
    QueryPage page = queries.run(text, null, PAGE);
    while (true) {
      if (page.value().size() == 1 && page.value().getFirst().has("COUNT")) {
        rows += page.value().getFirst().get("COUNT").asLong();
      } else {
        rows += page.value().size();
      }
      if (page.continuationToken() == null) {
        return rows;
      }
      page = queries.run(text, page.continuationToken(), PAGE);
    }
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  static void print(String title, List<Row> rows) {
    System.out.println();
    System.out.println("### " + title);
    System.out.println();
    System.out.println("| query | answers | p50 ms | p99 ms | max ms | runs | target (ms) |");
    System.out.println("|---|---:|---:|---:|---:|---:|---|");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "| %s | %.0f | %.3f | %.3f | %.3f | %d | %s |%n", r.label(), r.results(), r.p50(),
          r.p99(), r.max(), r.runs(), r.target());
    }
    System.out.println();
    System.out.println("What the p99 is made of:");
    System.out.println();
    System.out.println("| query | p99 ms | p99 without GC pauses ms | p99 CPU ms | p99 snapshot open ms | runs a pause hit |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %d |%n", r.label(), r.p99(), r.p99WithoutGc(),
          r.p99Cpu(), r.p99Snapshot(), r.gcHitRuns());
    }
  }
}
