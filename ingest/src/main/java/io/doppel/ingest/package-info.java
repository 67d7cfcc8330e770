/**
 * Data in: a connector hands each {@link io.doppel.ingest.Message} (bytes and where they came from) to the
 * {@link io.doppel.ingest.Ingestor}, a {@link io.doppel.ingest.Mapping} turns it into {@link io.doppel.ingest.TwinUpdate}s,
 * and each update goes to the engine (property patches) or the telemetry sink. What cannot be mapped or applied
 * becomes a dead letter; nothing is dropped silently. {@link io.doppel.ingest.Presence} tracks whether each twin's
 * source is online.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.ingest;
