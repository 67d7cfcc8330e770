package io.doppel.bench.http;

/**
 * One measured run against one target.
 *
 * @param target {@code bare} or {@code doppel}
 * @param round 1-based round number
 * @param wrk what the load generator saw
 * @param cores how the machine's cores were used during the run
 */
record Measurement(String target, int round, WrkResult wrk, CpuMeter.Cores cores) {}
