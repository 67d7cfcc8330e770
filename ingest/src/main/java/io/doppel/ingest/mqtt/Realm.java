package io.doppel.ingest.mqtt;

import io.doppel.ingest.Ingestor;

/**
 * One set of devices that share nothing with another set but the port: their own ingestor (so their messages land
 * in their own graph), their own subscriptions (so the downlink of one graph never reaches another's devices) and
 * their own client-id space (a client id in one realm does not take over the same id in another).
 *
 * @param engineSubscription the downlink's subscription to this realm's engine, closed when the realm goes
 */
record Realm(String name, Ingestor ingestor, Subscriptions subscriptions, AutoCloseable engineSubscription) {
  /** The key of a client's session in {@link EndpointContext#sessions()}: the client id within its realm. */
  String sessionKey(String clientId) {
    return name + "\u0000" + clientId;
  }
}
