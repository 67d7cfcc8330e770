/**
 * Distributions of service times, patience and other durations ({@link io.doppel.sim.dist.Distribution}), and the
 * arrival processes of sources ({@link io.doppel.sim.dist.ArrivalProcess}). Every sample is drawn from a
 * {@link java.util.SplittableRandom} the caller owns and allocates nothing.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.sim.dist;
