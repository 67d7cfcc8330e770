package io.doppel.ingest.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.doppel.ingest.Payloads;
import io.doppel.twin.Origin;
import io.doppel.twin.TwinEvent;
import io.netty.handler.codec.mqtt.MqttProperties;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each twin patch to the devices subscribed to {@code twins/{id}/desired}, as the JSON Patch the engine
 * applied, except to the device whose own report made the change (its origin is {@code mqtt:<client id>}): a
 * device is not told back what it just said. Runs on the engine's writer thread, so it only looks up subscribers
 * (nothing is encoded for a twin nobody subscribed to) and hands the bytes to each connection's event loop.
 */
final class DesiredForwarder implements Consumer<TwinEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(DesiredForwarder.class);

  private final Subscriptions subscriptions;

  DesiredForwarder(Subscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  static String topic(String twinId) {
    return "twins/" + twinId + "/desired";
  }

  @Override
  public void accept(TwinEvent event) {
    if (!(event instanceof TwinEvent.TwinPatched patched) || !subscriptions.anyFor(patched.twinId())) {
      return;
    }
    String topic = topic(patched.twinId());
    Map<MqttSession, Integer> targets = subscriptions.matching(patched.twinId(), topic);
    if (targets.isEmpty()) {
      return;
    }
    byte[] payload;
    try {
      payload = Payloads.MAPPER.writeValueAsBytes(patched.patch());
    } catch (JsonProcessingException e) {
      LOG.error("cannot encode the patch of {} for its devices", patched.twinId(), e);
      return;
    }
    MqttProperties properties = new MqttProperties();
    MqttProperties.UserProperties user = new MqttProperties.UserProperties();
    user.add("version", Long.toString(patched.version()));
    user.add("origin", patched.origin().toString());
    properties.add(user);
    Origin origin = patched.origin();
    String echoOf = origin.channel().equals(MqttSession.CONNECTOR) ? origin.source() : null;
    targets.forEach((session, qos) -> {
      if (echoOf == null || !echoOf.equals(session.clientId())) {
        session.deliver(topic, payload, qos, properties);
      }
    });
  }
}
