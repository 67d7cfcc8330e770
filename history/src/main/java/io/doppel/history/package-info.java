/**
 * History and time travel: every property change and telemetry value as a time series of compressed chunks, range
 * and bucketed reads, latest values and retention. Storage sits behind {@link io.doppel.history.spi.SeriesStore}.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.history;
