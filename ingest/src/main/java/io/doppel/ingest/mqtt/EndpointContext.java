package io.doppel.ingest.mqtt;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every session of one endpoint shares. {@code sessions} holds the current session of each client id (keyed by
 * {@link Realm#sessionKey}); {@code realms} the realms devices may be admitted to, by name; {@code load} pauses
 * reading while the server's pending writes are at their limit.
 */
record EndpointContext(
    MqttOptions options, ConcurrentHashMap<String, Realm> realms, Clock clock,
    ConcurrentHashMap<String, MqttSession> sessions, MqttCounters counters, LoadPause load) {}
