/**
 * The MQTT endpoint devices connect to (MQTT 3.1.1 and 5 over Netty's codec): publishes go to the
 * {@link io.doppel.ingest.Ingestor} (QoS 1 acknowledged once durable), subscriptions to {@code twins/{id}/desired}
 * and {@code twins/{id}/commands/+} carry property changes and commands down to devices. No general-purpose broker:
 * device publishes are not forwarded to other devices.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.ingest.mqtt;
