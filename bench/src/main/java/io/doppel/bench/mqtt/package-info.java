/** MQTT ingest benchmark: real MQTT clients publishing telemetry to Doppel's endpoint on loopback. */
@org.jspecify.annotations.NullMarked
package io.doppel.bench.mqtt;
