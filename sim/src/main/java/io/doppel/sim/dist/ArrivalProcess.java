package io.doppel.sim.dist;

import java.util.SplittableRandom;

/**
 * When a source's next customer arrives. Time-varying rates (a daily profile, a spike) are non-homogeneous Poisson
 * processes over a piecewise-constant rate, drawn exactly by inverting the cumulative rate: no thinning, so no
 * rejected candidates and no extra events.
 */
public sealed interface ArrivalProcess {
  /** The next arrival strictly after {@code now}, or {@code +Infinity} when there is none. */
  double next(double now, SplittableRandom random);

  /** Long-run arrivals per time unit. */
  double meanRate();

  static ArrivalProcess poisson(double rate) {
    return new Poisson(rate);
  }

  /** One arrival every {@code interval}, the first at {@code interval}. */
  static ArrivalProcess constant(double interval) {
    return new Constant(interval);
  }

  /**
   * Poisson arrivals whose rate follows {@code rates}, equal slots repeating every {@code period} (e.g. 24 hourly
   * rates over a day of 86,400 seconds: {@link #daily}).
   */
  static ArrivalProcess profile(double period, double... rates) {
    return new Profile(period, rates);
  }

  /** A daily profile of 24 hourly rates, time measured in seconds. */
  static ArrivalProcess daily(double... hourlyRates) {
    if (hourlyRates.length != 24) {
      throw Invalid.field("rates", "a daily profile needs 24 hourly rates, got " + hourlyRates.length);
    }
    return new Profile(86_400, hourlyRates);
  }

  /** Poisson arrivals at {@code baseRate}, and at {@code spikeRate} from {@code start} for {@code duration}. */
  static ArrivalProcess spike(double baseRate, double spikeRate, double start, double duration) {
    return new Spike(baseRate, spikeRate, start, duration);
  }

  record Poisson(double rate) implements ArrivalProcess {
    public Poisson {
      Invalid.positive("rate", rate);
    }

    @Override
    public double next(double now, SplittableRandom random) {
      return now + random.nextExponential() / rate;
    }

    @Override
    public double meanRate() {
      return rate;
    }
  }

  record Constant(double interval) implements ArrivalProcess {
    public Constant {
      Invalid.positive("interval", interval);
    }

    @Override
    public double next(double now, SplittableRandom random) {
      return now + interval;
    }

    @Override
    public double meanRate() {
      return 1 / interval;
    }
  }

  record Profile(double period, double[] rates) implements ArrivalProcess {
    public Profile {
      Invalid.positive("period", period);
      if (rates.length == 0) {
        throw Invalid.field("rates", "must hold at least one rate");
      }
      rates = rates.clone();
      double sum = 0;
      for (int i = 0; i < rates.length; i++) {
        sum += Invalid.nonNegative("rates[" + i + "]", rates[i]);
      }
      if (sum == 0) {
        throw Invalid.field("rates", "at least one rate must be > 0");
      }
    }

    @Override
    public double[] rates() {
      return rates.clone();
    }

    @Override
    public double next(double now, SplittableRandom random) {
      double slot = period / rates.length;
      double need = random.nextExponential();
      double t = now;
      long k = (long) Math.floor(t / slot);
      while (true) {
        double end = (k + 1) * slot;
        if (end <= t) {
          k++;
          continue;
        }
        double rate = rates[(int) (k % rates.length)];
        if (rate > 0) {
          double dt = need / rate;
          if (t + dt <= end) {
            return t + dt;
          }
          need -= rate * (end - t);
        }
        t = end;
        k++;
      }
    }

    @Override
    public double meanRate() {
      double sum = 0;
      for (double r : rates) {
        sum += r;
      }
      return sum / rates.length;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Profile p && p.period == period && java.util.Arrays.equals(p.rates, rates);
    }

    @Override
    public int hashCode() {
      return Double.hashCode(period) * 31 + java.util.Arrays.hashCode(rates);
    }

    @Override
    public String toString() {
      return "Profile[period=" + period + ", rates=" + java.util.Arrays.toString(rates) + "]";
    }
  }

  record Spike(double baseRate, double spikeRate, double start, double duration) implements ArrivalProcess {
    public Spike {
      Invalid.positive("baseRate", baseRate);
      Invalid.nonNegative("spikeRate", spikeRate);
      Invalid.nonNegative("start", start);
      Invalid.positive("duration", duration);
    }

    @Override
    public double next(double now, SplittableRandom random) {
      double need = random.nextExponential();
      double t = now;
      double end = start + duration;
      if (t < start) {
        double dt = need / baseRate;
        if (t + dt <= start) {
          return t + dt;
        }
        need -= baseRate * (start - t);
        t = start;
      }
      if (t < end) {
        if (spikeRate > 0) {
          double dt = need / spikeRate;
          if (t + dt <= end) {
            return t + dt;
          }
          need -= spikeRate * (end - t);
        }
        t = end;
      }
      return t + need / baseRate;
    }

    /** Over the long run the spike is a finite blip: the base rate. */
    @Override
    public double meanRate() {
      return baseRate;
    }
  }
}
