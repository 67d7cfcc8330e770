/**
 * The connector runtime: connectors configured over the API (Kafka consumers, MQTT bridges) stored durably and
 * restarted at boot, next to fixed ones (the MQTT endpoint, HTTP telemetry), each reporting one
 * {@link io.doppel.ingest.connector.ConnectorStatus}.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.ingest.connector;
