package io.doppel.sim.scenario;

import io.doppel.sim.stats.Estimate;
import org.jspecify.annotations.Nullable;

/**
 * A metric's mean over the replications with its confidence interval, JSON-friendly: null where a value is
 * undefined (nothing completed; fewer than two replications for an interval).
 */
public record Stat(@Nullable Double mean, @Nullable Double low, @Nullable Double high, int n) {
  public static Stat of(Estimate e) {
    return new Stat(finite(e.mean()), finite(e.low()), finite(e.high()), e.n());
  }

  public static Stat exact(double value, int n) {
    return new Stat(value, value, value, n);
  }

  static @Nullable Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
