package io.doppel.bench.http;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The HTTP load harness: measures JSON-Patch throughput over keep-alive connections against Doppel (durable RocksDB
 * store) and against a bare Javalin handler in the same run, with {@code wrk} as a separate load-generating process
 * on the same machine. Prints a Markdown report (and writes it to {@code --out}).
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp bench/target/doppel-bench.jar io.doppel.bench.http.PatchLoad</pre>
 */
public final class PatchLoad {
  private PatchLoad() {}

  public static void main(String[] args) throws Exception {
    // Before any logger exists: the servers under test must not log per request.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "doppel-bench-logback.xml");
    }
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    String environment = environment();
    System.out.println(environment);
    Path work = Files.createTempDirectory("doppel-patch-load");
    Wrk wrk = Wrk.withBundledScript(work, options.threads(), options.connections());
    List<Measurement> runs = new ArrayList<>();
    try {
      for (int round = 1; round <= options.rounds(); round++) {
        if (options.bare()) {
          try (LoadTarget peer = BarePeer.start()) {
            runs.add(measure(peer, round, wrk, options));
          }
        }
        if (options.doppel()) {
          Path data = options.dataDir() != null
              ? options.dataDir().resolve("round-" + round)
              : work.resolve("doppel-data-" + round);
          try (LoadTarget doppel = DoppelTarget.start(data, options.twins())) {
            runs.add(measure(doppel, round, wrk, options));
          }
        }
      }
    } finally {
      deleteRecursively(work);
    }
    String report = LoadReport.markdown(environment, options, runs);
    System.out.println();
    System.out.println(report);
    if (options.out() != null) {
      Files.writeString(options.out(), report);
      System.out.println("written to " + options.out().toAbsolutePath());
    }
  }

  private static Measurement measure(LoadTarget target, int round, Wrk wrk, LoadOptions options)
      throws IOException, InterruptedException {
    System.out.printf(Locale.ROOT, "round %d, %s at %s: warming up for %d s%n",
        round, target.name(), target.base(), options.warmup().toSeconds());
    wrk.run(target.base(), target.patches(), options.twins(), options.warmup());
    CpuMeter before = CpuMeter.sample();
    WrkResult result = wrk.run(target.base(), target.patches(), options.twins(), options.duration());
    CpuMeter.Cores cores = before.coresUntil(CpuMeter.sample());
    Measurement m = new Measurement(target.name(), round, result, cores);
    System.out.printf(Locale.ROOT,
        "round %d, %s: %,.0f patches/s, p50 %.2f ms, p99 %.2f ms, %d non-2xx, %d socket errors; "
            + "cores: server %.2f, wrk %.2f, other processes %.2f%n",
        round, target.name(), result.throughput(), result.p50Micros() / 1000.0, result.p99Micros() / 1000.0,
        result.statusErrors(), result.socketErrors(), cores.server(), cores.wrk(), cores.other());
    return m;
  }

  private static String environment() throws IOException, InterruptedException {
    String cpu = lines(Path.of("/proc/cpuinfo"))
        .filter(l -> l.startsWith("model name")).findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
    String memory = lines(Path.of("/proc/meminfo"))
        .filter(l -> l.startsWith("MemTotal")).findFirst()
        .map(l -> String.format(Locale.ROOT, "%.0f GiB",
            Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
        .orElse("unknown memory");
    return String.format(Locale.ROOT,
        "Run %s. Machine: %d cores (%s), %s, shared by the server JVM and wrk. JDK: %s %s, JVM options %s. "
            + "Load generator: %s.%n",
        Instant.now().truncatedTo(ChronoUnit.SECONDS), CpuMeter.cores(), cpu, memory,
        System.getProperty("java.vm.vendor"), Runtime.version(),
        ManagementFactory.getRuntimeMXBean().getInputArguments(), Wrk.version());
  }

  private static Stream<String> lines(Path path) throws IOException {
    return Files.exists(path) ? Files.readAllLines(path).stream() : Stream.empty();
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
