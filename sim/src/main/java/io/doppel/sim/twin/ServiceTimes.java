package io.doppel.sim.twin;

import io.doppel.sim.dist.Distribution;
import io.doppel.sim.dist.Invalid;
import org.jspecify.annotations.Nullable;

/**
 * A service-time distribution from what a twin states: a mean, a coefficient of variation and optionally a family.
 * Without a family the CV picks one: absent or 1 exponential, 0 deterministic, otherwise log-normal.
 */
final class ServiceTimes {
  private ServiceTimes() {}

  static Distribution of(String at, double mean, @Nullable Double cv, @Nullable String family) {
    Invalid.positive(at + ".meanServiceTime", mean);
    if (cv != null && !(cv >= 0 && cv < 100)) {
      throw Invalid.field(at + ".serviceTimeCv", "must be in [0, 100), was " + cv);
    }
    String name = family != null ? family : cv == null || cv == 1 ? "exponential" : cv == 0 ? "deterministic"
        : "logNormal";
    double c = cv == null ? 1 : cv;
    return switch (name) {
      case "exponential" -> Distribution.exponential(mean);
      case "deterministic" -> Distribution.deterministic(mean);
      case "logNormal" -> Distribution.logNormal(mean, positiveCv(at, c) * mean);
      case "gamma" -> Distribution.gamma(1 / (positiveCv(at, c) * c), mean * c * c);
      case "erlang" -> Distribution.erlang((int) Math.max(1, Math.round(1 / (positiveCv(at, c) * c))), mean);
      case "uniform" -> {
        double half = mean * c * Math.sqrt(3);
        if (half > mean) {
          throw Invalid.field(at + ".serviceTimeCv", "a uniform service time has a CV of at most 0.577, was " + c);
        }
        yield half == 0 ? Distribution.deterministic(mean) : Distribution.uniform(mean - half, mean + half);
      }
      default -> throw Invalid.field(at + ".serviceDistribution", "must be one of exponential, deterministic,"
          + " logNormal, gamma, erlang, uniform; was '" + name + "'");
    };
  }

  private static double positiveCv(String at, double cv) {
    if (!(cv > 0)) {
      throw Invalid.field(at + ".serviceTimeCv", "must be > 0 for this distribution, was " + cv);
    }
    return cv;
  }
}
