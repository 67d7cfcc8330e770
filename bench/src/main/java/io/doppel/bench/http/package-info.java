/**
 * The HTTP load harness: JSON-Patch throughput against Doppel and against a bare Javalin handler measured in the
 * same run, with {@code wrk} as the load generator (entry point: {@link io.doppel.bench.http.PatchLoad}); and the
 * parts of {@code bench/run-overload.sh}, which floods a {@code doppel serve} process from wrk:
 * {@link io.doppel.bench.http.SeedTwins}, {@link io.doppel.bench.http.OverloadProbe} and
 * {@link io.doppel.bench.http.AckedWritesCheck}.
 */
@NullMarked
package io.doppel.bench.http;

import org.jspecify.annotations.NullMarked;
