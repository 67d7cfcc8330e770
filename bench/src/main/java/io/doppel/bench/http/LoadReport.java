package io.doppel.bench.http;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** Formats a run's measurements as the Markdown that goes into {@code docs/benchmarks.md (section "HTTP API")}. */
final class LoadReport {
  private LoadReport() {}

  static String markdown(String environment, LoadOptions options, List<Measurement> runs) {
    StringBuilder out = new StringBuilder();
    out.append(environment).append('\n');
    out.append(String.format(Locale.ROOT,
        "Load: wrk, %d threads, %d keep-alive connections, %d s measured after %d s warm-up per target and round; "
            + "each request is a JSON Patch setting one numeric property on one of %,d twins chosen at random.%n%n",
        options.threads(), options.connections(), options.duration().toSeconds(), options.warmup().toSeconds(),
        options.twins()));
    out.append("Cores are averages over the measured run: the server's JVM, the wrk process, and everything else on the "
        + "machine (a large value there means other work competed with the run).\n\n");
    out.append("| round | target | patches/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | non-2xx | socket errors "
        + "| server cores | wrk cores | other cores |\n");
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Measurement m : runs) {
      WrkResult w = m.wrk();
      out.append(String.format(Locale.ROOT,
          "| %d | %s | %,.0f | %.2f | %.2f | %.2f | %.2f | %.1f | %d | %d | %.2f | %.2f | %.2f |%n",
          m.round(), m.target(), w.throughput(), ms(w.p50Micros()), ms(w.p90Micros()), ms(w.p99Micros()),
          ms(w.p999Micros()), ms(w.maxMicros()), w.statusErrors(), w.socketErrors(), m.cores().server(),
          m.cores().wrk(), m.cores().other()));
    }
    OptionalDouble bare = best(runs, "bare");
    OptionalDouble doppel = best(runs, "doppel");
    if (bare.isPresent() && doppel.isPresent()) {
      out.append(String.format(Locale.ROOT,
          "%nBest of rounds: Doppel %,.0f patches/s, bare handler %,.0f patches/s: Doppel reaches %.0f%% of the "
              + "bare handler.%n",
          doppel.getAsDouble(), bare.getAsDouble(), 100 * doppel.getAsDouble() / bare.getAsDouble()));
    }
    return out.toString();
  }

  /** The best throughput of a target's error-free runs; a run with failed requests is not a throughput figure. */
  private static OptionalDouble best(List<Measurement> runs, String target) {
    return runs.stream()
        .filter(m -> m.target().equals(target) && m.wrk().statusErrors() == 0 && m.wrk().socketErrors() == 0)
        .mapToDouble(m -> m.wrk().throughput())
        .max();
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
