/**
 * The HTTP load harness: JSON-Patch throughput against Doppel and against a bare Javalin handler measured in the
 * same run, with {@code wrk} as the load generator. Entry point: {@link io.doppel.bench.http.PatchLoad}.
 */
@NullMarked
package io.doppel.bench.http;

import org.jspecify.annotations.NullMarked;
