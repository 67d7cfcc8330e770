/**
 * The MQTT bridge: subscribes to topics on an external broker (QoS 1, persistent session) and acknowledges each
 * message only once the ingestor has made it durable, reconnecting with backoff when the broker goes away.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.ingest.bridge;
