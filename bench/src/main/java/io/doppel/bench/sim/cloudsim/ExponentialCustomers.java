package io.doppel.bench.sim.cloudsim;

import io.doppel.sim.kernel.RandomStreams;
import java.util.SplittableRandom;

/**
 * The customers of one replication: exponential interarrival gaps (rate lambda) and exponential service demands
 * (rate mu), each from its own stream of Doppel's {@link RandomStreams}, drawn one at a time as the model needs them.
 * Two instances with the same arguments give the same customers, which lets a test replay a CloudSim run exactly.
 */
public final class ExponentialCustomers {
  private final double lambda;
  private final double mu;
  private final SplittableRandom gaps;
  private final SplittableRandom demands;

  public ExponentialCustomers(double lambda, double mu, long seed, int replication) {
    if (!(lambda > 0) || !(mu > 0) || Double.isInfinite(lambda) || Double.isInfinite(mu)) {
      throw new IllegalArgumentException("rates must be positive and finite: lambda=" + lambda + " mu=" + mu);
    }
    this.lambda = lambda;
    this.mu = mu;
    this.gaps = RandomStreams.stream(seed, replication, 0);
    this.demands = RandomStreams.stream(seed, replication, 1);
  }

  /** The time from the previous arrival (or time 0) to the next one. */
  public double nextGap() {
    return -Math.log(1.0 - gaps.nextDouble()) / lambda;
  }

  /** The next customer's service time on one server. */
  public double nextDemand() {
    return -Math.log(1.0 - demands.nextDouble()) / mu;
  }
}
