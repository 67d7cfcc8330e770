package io.doppel.ingest.mqtt;

import io.doppel.ingest.Ingestor;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every session of one endpoint shares. {@code sessions} holds the current session of each client id;
 * {@code load} pauses reading while the server's pending writes are at their limit.
 */
record EndpointContext(
    MqttOptions options, Ingestor ingestor, Clock clock, ConcurrentHashMap<String, MqttSession> sessions,
    Subscriptions subscriptions, MqttCounters counters, LoadPause load) {}
