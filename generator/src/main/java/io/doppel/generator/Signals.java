package io.doppel.generator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.random.RandomGenerator;

/** The shapes real signals have: a daily cycle, office hours, noise, and a slow first-order response. */
final class Signals {
  private Signals() {}

  /** Hour of day (fractional) at {@code offsetHours} from UTC. */
  static double hourOfDay(Instant t, int offsetHours) {
    ZonedDateTime local = t.atZone(ZoneOffset.ofHours(offsetHours));
    return local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
  }

  /** A daily load profile in [0.25, 1]: lowest around 04:00, highest around 14:00 and a second bump at 20:00. */
  static double dailyLoad(Instant t, int offsetHours) {
    double h = hourOfDay(t, offsetHours);
    double day = 0.5 - 0.5 * Math.cos((h - 4) / 24 * 2 * Math.PI);
    double evening = Math.exp(-Math.pow(h - 20.5, 2) / 3) * 0.25;
    return 0.25 + 0.75 * Math.min(1, day * 0.85 + evening);
  }

  /** 0..1: how full offices are on a weekday between 08:00 and 18:00 (ramps at both ends), small at weekends. */
  static double officeHours(Instant t, int offsetHours) {
    ZonedDateTime local = t.atZone(ZoneOffset.ofHours(offsetHours));
    boolean weekend = local.getDayOfWeek().getValue() >= 6;
    double h = hourOfDay(t, offsetHours);
    double ramp = Math.min(smooth((h - 7.5) / 1.5), smooth((18.5 - h) / 1.5));
    double lunchDip = 1 - 0.3 * Math.exp(-Math.pow(h - 12.5, 2) / 0.5);
    return (weekend ? 0.05 : 1) * Math.max(0, ramp) * lunchDip;
  }

  static double noise(RandomGenerator random, double relative) {
    return 1 + random.nextGaussian() * relative;
  }

  /** Moves {@code value} toward {@code target} with time constant {@code tauSeconds} over {@code dtSeconds}. */
  static double approach(double value, double target, double tauSeconds, double dtSeconds) {
    return target + (value - target) * Math.exp(-dtSeconds / tauSeconds);
  }

  static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  static double round(double v, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(v * scale) / scale;
  }

  private static double smooth(double x) {
    double c = clamp(x, 0, 1);
    return c * c * (3 - 2 * c);
  }
}
