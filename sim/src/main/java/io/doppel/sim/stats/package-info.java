/**
 * Streaming statistics for simulation output: a log-bucket histogram for percentiles without keeping observations
 * ({@link io.doppel.sim.stats.LogHistogram}), and confidence intervals over replications
 * ({@link io.doppel.sim.stats.Estimate}).
 */
@org.jspecify.annotations.NullMarked
package io.doppel.sim.stats;
