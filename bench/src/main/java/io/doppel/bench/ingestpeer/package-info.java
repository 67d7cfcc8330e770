/**
 * The history's ingest next to a peer time-series database: the same values sent over HTTP to Doppel's telemetry
 * API and to VictoriaMetrics' Prometheus import API, in one run on one machine.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.bench.ingestpeer;
