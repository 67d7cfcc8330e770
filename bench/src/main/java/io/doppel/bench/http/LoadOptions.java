package io.doppel.bench.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The harness's command-line options; every option has a default so that a bare run measures the standard case. */
record LoadOptions(
    int connections,
    int threads,
    Duration duration,
    Duration warmup,
    int twins,
    int rounds,
    boolean bare,
    boolean doppel,
    @Nullable Path dataDir,
    @Nullable Path out) {

  static final String USAGE = """
      usage: PatchLoad [--connections 64] [--threads 2] [--duration 30] [--warmup 10] [--twins 10000]
                       [--rounds 1] [--targets bare,doppel] [--data-dir DIR] [--out report.md]
        durations are in seconds; the data dir (RocksDB) defaults to a fresh temporary directory per round""";

  private static final Set<String> KEYS =
      Set.of("connections", "threads", "duration", "warmup", "twins", "rounds", "targets", "data-dir", "out");

  static LoadOptions parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String key = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!KEYS.contains(key) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown option or missing value: '" + args[i] + "'\n" + USAGE);
      }
      values.put(key, args[++i]);
    }
    String targets = values.getOrDefault("targets", "bare,doppel");
    Set<String> chosen = Set.of(targets.split(","));
    if (chosen.isEmpty() || !Set.of("bare", "doppel").containsAll(chosen)) {
      throw new IllegalArgumentException("--targets takes bare, doppel or both, got '" + targets + "'");
    }
    return new LoadOptions(
        positive(values, "connections", 64),
        positive(values, "threads", 2),
        Duration.ofSeconds(positive(values, "duration", 30)),
        Duration.ofSeconds(positive(values, "warmup", 10)),
        positive(values, "twins", 10_000),
        positive(values, "rounds", 1),
        chosen.contains("bare"),
        chosen.contains("doppel"),
        values.containsKey("data-dir") ? Path.of(values.get("data-dir")) : null,
        values.containsKey("out") ? Path.of(values.get("out")) : null);
  }

  private static int positive(Map<String, String> values, String key, int fallback) {
    String text = values.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " needs a positive integer, got '" + text + "'", e);
    }
    throw new IllegalArgumentException("--" + key + " needs a positive integer, got '" + text + "'");
  }
}
