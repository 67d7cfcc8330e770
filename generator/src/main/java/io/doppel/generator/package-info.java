/**
 * Live simulated data for the example packs: a software platform's request rates and latencies, a factory's machine
 * temperatures and vibration, a building's rooms and energy meters, with daily seasonality, noise and occasional
 * incidents. A {@link io.doppel.generator.Generator} computes the values; a {@link io.doppel.generator.Sink} sends them
 * to a running Doppel through its real ingestion paths (HTTP telemetry and patches, MQTT).
 */
@org.jspecify.annotations.NullMarked
package io.doppel.generator;
