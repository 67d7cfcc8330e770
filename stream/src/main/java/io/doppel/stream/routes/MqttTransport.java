package io.doppel.stream.routes;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.doppel.stream.spi.OutboxEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Publishes each event to an MQTT 5 broker on the topic its template names, with the route's QoS: at QoS 1 a batch
 * is delivered once the broker acknowledged every message of it (PUBACK), at QoS 0 once the client wrote them. The
 * connection is made on first use and again after any failure.
 */
final class MqttTransport implements Transport {
  private static final long TIMEOUT_SECONDS = 10;
  /** PUBACK reasons that say the broker will never take this message; others (quota, unspecified) are retried. */
  private static final Set<Mqtt5PubAckReasonCode> REFUSED = Set.of(Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
      Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID, Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);

  private final Endpoint.Mqtt endpoint;
  private @Nullable Mqtt5AsyncClient client;

  MqttTransport(Endpoint.Mqtt endpoint) {
    this.endpoint = endpoint;
  }

  /** The topic for one event: placeholders filled, characters MQTT reserves in a value percent-encoded. */
  static String topic(String template, String key, String type) {
    return template.replace("{twinId}", level(key)).replace("{type}", level(type));
  }

  private static String level(String value) {
    return value.replace("%", "%25").replace("/", "%2F").replace("+", "%2B").replace("#", "%23");
  }

  @Override
  public Attempt deliver(List<OutboxEntry> batch) throws InterruptedException {
    Mqtt5AsyncClient c;
    try {
      c = connected();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      reset();
      return Attempt.Failed.retry(0, "MQTT connect to " + endpoint.broker() + ": " + cause(e));
    }
    MqttQos qos = endpoint.qos() == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE;
    List<CompletableFuture<Mqtt5PublishResult>> sent = new ArrayList<>(batch.size());
    for (OutboxEntry e : batch) {
      sent.add(c.publishWith().topic(topic(endpoint.topic(), e.key(), e.type())).qos(qos)
          .payload(e.payload().getBytes(StandardCharsets.UTF_8))
          .contentType("application/cloudevents+json").send());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    for (int i = 0; i < sent.size(); i++) {
      Throwable error;
      try {
        Mqtt5PublishResult result = sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        error = result.getError().orElse(null);
      } catch (ExecutionException | TimeoutException e) {
        error = cause(e);
      }
      if (error != null) {
        reset();
        if (error instanceof Mqtt5PubAckException ack && REFUSED.contains(ack.getMqttMessage().getReasonCode())) {
          return Attempt.Failed.reject(i, 1, "MQTT PUBACK " + ack.getMqttMessage().getReasonCode());
        }
        return Attempt.Failed.retry(i, "MQTT publish: " + error);
      }
    }
    return new Attempt.Delivered(batch.size());
  }

  private Mqtt5AsyncClient connected() throws InterruptedException, ExecutionException, TimeoutException {
    Mqtt5AsyncClient c = client;
    if (c != null && c.getState().isConnected()) {
      return c;
    }
    reset();
    String scheme = endpoint.broker().getScheme().toLowerCase(Locale.ROOT);
    boolean tls = scheme.equals("ssl") || scheme.equals("mqtts");
    int port = endpoint.broker().getPort() > 0 ? endpoint.broker().getPort() : tls ? 8883 : 1883;
    Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5().identifier(endpoint.clientId())
        .serverHost(endpoint.broker().getHost()).serverPort(port);
    if (tls) {
      builder = builder.sslWithDefaultConfig();
    }
    if (endpoint.username() != null) {
      var auth = builder.simpleAuth().username(endpoint.username());
      if (endpoint.password() != null) {
        auth = auth.password(endpoint.password().getBytes(StandardCharsets.UTF_8));
      }
      builder = auth.applySimpleAuth();
    }
    c = builder.buildAsync();
    client = c;
    c.connectWith().cleanStart(true).send().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return c;
  }

  private static Throwable cause(Exception e) {
    return e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
  }

  private void reset() {
    Mqtt5AsyncClient c = client;
    client = null;
    if (c != null && c.getState().isConnectedOrReconnect()) {
      c.disconnect();
    }
  }

  @Override
  public void close() {
    Mqtt5AsyncClient c = client;
    client = null;
    if (c != null && c.getState().isConnected()) {
      try {
        c.disconnect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // the broker is gone or slow: nothing is left to tell it
      }
    }
  }
}
