/** History benchmarks: telemetry ingest into the durable history, and downsampled range reads. */
@org.jspecify.annotations.NullMarked
package io.doppel.bench.history;
