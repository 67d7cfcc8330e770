package io.doppel.sim.dist;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A non-negative random duration. Each kind knows its mean and variance, which the validation tests (and later
 * reports) compare against; {@link #sample} is on the simulation's hot path and allocates nothing.
 */
public sealed interface Distribution {
  double sample(SplittableRandom random);

  double mean();

  double variance();

  /** Second moment E[X^2], the term Pollaczek-Khinchine needs. */
  default double secondMoment() {
    return variance() + mean() * mean();
  }

  static Distribution exponential(double mean) {
    return new Exponential(mean);
  }

  static Distribution deterministic(double value) {
    return new Deterministic(value);
  }

  static Distribution uniform(double min, double max) {
    return new Uniform(min, max);
  }

  /** The log-normal with this mean and standard deviation of the duration itself (not of its logarithm). */
  static Distribution logNormal(double mean, double standardDeviation) {
    Invalid.positive("mean", mean);
    Invalid.positive("standardDeviation", standardDeviation);
    double sigma2 = Math.log1p((standardDeviation * standardDeviation) / (mean * mean));
    return new LogNormal(Math.log(mean) - sigma2 / 2, Math.sqrt(sigma2));
  }

  static Distribution gamma(double shape, double scale) {
    return new Gamma(shape, scale);
  }

  /** Erlang-k: the sum of k exponential phases, with this overall mean. */
  static Distribution erlang(int phases, double mean) {
    if (phases < 1) {
      throw Invalid.field("phases", "must be >= 1, was " + phases);
    }
    return new Gamma(phases, Invalid.positive("mean", mean) / phases);
  }

  /** Resamples observed durations, each with equal probability (a bootstrap of what was measured). */
  static Distribution empirical(double... samples) {
    return new Empirical(samples);
  }

  record Exponential(double mean) implements Distribution {
    public Exponential {
      Invalid.positive("mean", mean);
    }

    @Override
    public double sample(SplittableRandom random) {
      // the JDK's modified ziggurat (McFarland): exact in distribution, one 64-bit draw and a table look-up in ~98%
      // of draws, about twice as fast as inverting the CDF with a logarithm
      return mean * random.nextExponential();
    }

    @Override
    public double variance() {
      return mean * mean;
    }
  }

  record Deterministic(double value) implements Distribution {
    public Deterministic {
      Invalid.nonNegative("value", value);
    }

    @Override
    public double sample(SplittableRandom random) {
      return value;
    }

    @Override
    public double mean() {
      return value;
    }

    @Override
    public double variance() {
      return 0;
    }
  }

  record Uniform(double min, double max) implements Distribution {
    public Uniform {
      Invalid.nonNegative("min", min);
      Invalid.nonNegative("max", max);
      if (max < min) {
        throw Invalid.field("max", "must be >= min (" + min + "), was " + max);
      }
    }

    @Override
    public double sample(SplittableRandom random) {
      return min + (max - min) * random.nextDouble();
    }

    @Override
    public double mean() {
      return (min + max) / 2;
    }

    @Override
    public double variance() {
      double w = max - min;
      return w * w / 12;
    }
  }

  /** exp(N(mu, sigma^2)); build it from the duration's own mean and deviation with {@link #logNormal}. */
  record LogNormal(double mu, double sigma) implements Distribution {
    public LogNormal {
      if (!Double.isFinite(mu)) {
        throw Invalid.field("mu", "must be a finite number, was " + mu);
      }
      Invalid.positive("sigma", sigma);
    }

    @Override
    public double sample(SplittableRandom random) {
      return Math.exp(mu + sigma * random.nextGaussian());
    }

    @Override
    public double mean() {
      return Math.exp(mu + sigma * sigma / 2);
    }

    @Override
    public double variance() {
      double s2 = sigma * sigma;
      return Math.expm1(s2) * Math.exp(2 * mu + s2);
    }
  }

  /** Gamma with shape k and scale theta (mean k theta); Marsaglia and Tsang's method. */
  record Gamma(double shape, double scale) implements Distribution {
    public Gamma {
      Invalid.positive("shape", shape);
      Invalid.positive("scale", scale);
    }

    @Override
    public double sample(SplittableRandom random) {
      if (shape < 1) {
        // Gamma(k) = Gamma(k + 1) * U^(1/k)
        return sampleAtLeastOne(shape + 1, random) * Math.pow(1.0 - random.nextDouble(), 1 / shape) * scale;
      }
      return sampleAtLeastOne(shape, random) * scale;
    }

    private static double sampleAtLeastOne(double k, SplittableRandom random) {
      double d = k - 1.0 / 3;
      double c = 1 / Math.sqrt(9 * d);
      while (true) {
        double x = random.nextGaussian();
        double v = 1 + c * x;
        if (v <= 0) {
          continue;
        }
        v = v * v * v;
        double u = 1.0 - random.nextDouble();
        double x2 = x * x;
        if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
          return d * v;
        }
      }
    }

    @Override
    public double mean() {
      return shape * scale;
    }

    @Override
    public double variance() {
      return shape * scale * scale;
    }
  }

  record Empirical(double[] samples) implements Distribution {
    public Empirical {
      if (samples.length == 0) {
        throw Invalid.field("samples", "must hold at least one observed duration");
      }
      samples = samples.clone();
      for (int i = 0; i < samples.length; i++) {
        Invalid.nonNegative("samples[" + i + "]", samples[i]);
      }
    }

    @Override
    public double[] samples() {
      return samples.clone();
    }

    @Override
    public double sample(SplittableRandom random) {
      return samples[random.nextInt(samples.length)];
    }

    @Override
    public double mean() {
      return Arrays.stream(samples).average().orElseThrow();
    }

    @Override
    public double variance() {
      double m = mean();
      return Arrays.stream(samples).map(x -> (x - m) * (x - m)).sum() / samples.length;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Empirical e && Arrays.equals(samples, e.samples);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
      return "Empirical[" + samples.length + " samples, mean " + mean() + "]";
    }
  }
}
