package io.doppel.ingest.mqtt;

/**
 * Counters of the MQTT endpoint since it started.
 *
 * @param connections sessions open now
 * @param connectionsAccepted CONNECTs accepted
 * @param connectionsRefused CONNECTs refused (credentials, protocol version, client id)
 * @param messagesIn PUBLISHes handed to the ingestor
 * @param qos1Acked PUBACKs sent, each after its message was durable
 * @param publishesRefused PUBLISHes refused (QoS 2, topic alias, over the receive maximum)
 * @param protocolErrors connections closed for malformed or unexpected packets (too large ones included)
 * @param keepAliveTimeouts connections closed because the client stayed silent past 1.5 x its keep-alive
 * @param storageFailures messages the ingestor could not store (QoS 1 ones closed their connection, unacknowledged)
 * @param downlinkSent PUBLISHes sent to devices (desired properties and commands)
 * @param slowSessionsClosed sessions closed because they did not keep up with their downlink
 * @param loadPauses times a session stopped reading because the server's pending writes were at their limit
 * @param pausedForLoad sessions not reading now for that reason
 */
public record MqttStats(
    long connections, long connectionsAccepted, long connectionsRefused, long messagesIn, long qos1Acked,
    long publishesRefused, long protocolErrors, long keepAliveTimeouts, long storageFailures, long downlinkSent,
    long slowSessionsClosed, long loadPauses, long pausedForLoad) {}
