package io.doppel.sim.kernel;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from (seed, replication, stream): each source and station draws from its own
 * streams, so a change to one part of a model leaves the others' random numbers unchanged (common random numbers
 * when two scenarios are compared), and a replication's results never depend on which thread ran it or when.
 */
public final class RandomStreams {
  private RandomStreams() {}

  public static SplittableRandom stream(long seed, int replication, long stream) {
    long z = mix(seed + 0x9E3779B97F4A7C15L * (replication + 1L));
    return new SplittableRandom(mix(z ^ (0xBF58476D1CE4E5B9L * (stream + 1L))));
  }

  /** SplitMix64's finaliser: neighbouring inputs give unrelated outputs. */
  static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
