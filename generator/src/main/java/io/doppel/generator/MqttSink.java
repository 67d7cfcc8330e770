package io.doppel.generator;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Publishes as a device would: in the device's own shape ({@link DeviceShapes}: its topic, fields and units, read by
 * the server's stored mappings) when given shapes cover the update, else with Doppel's built-in topic convention:
 * {@code twins/{id}/telemetry} (or {@code twins/{id}/components/{c}/telemetry}) with the source time as an MQTT 5
 * user property, and {@code twins/{id}/properties} for reported properties. QoS 1, so each future completes on the
 * server's PUBACK, which Doppel sends once the message is durable.
 */
public final class MqttSink implements Sink {
  private final String host;
  private final int port;
  private final Mqtt5AsyncClient client;
  private final Semaphore inFlight;
  private final @Nullable DeviceShapes shapes;

  public MqttSink(String host, int port, String clientId, @Nullable String token, int maxInFlight) {
    this(host, port, clientId, token, maxInFlight, null);
  }

  public MqttSink(String host, int port, String clientId, @Nullable String token, int maxInFlight,
      @Nullable DeviceShapes shapes) {
    this.shapes = shapes;
    this.host = host;
    this.port = port;
    this.client = MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(host).serverPort(port)
        .automaticReconnectWithDefaultConfig().buildAsync();
    this.inFlight = new Semaphore(maxInFlight);
    var connect = client.connectWith().cleanStart(true).keepAlive(30);
    if (token != null) {
      connect.simpleAuth().username(clientId).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
    }
    try {
      connect.send().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect to the MQTT endpoint at " + describe() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public CompletableFuture<Void> send(Update update) {
    DeviceShapes.Message shaped = shapes == null ? null : shapes.of(update);
    var publish = shaped != null ? client.publishWith().topic(shaped.topic()).qos(MqttQos.AT_LEAST_ONCE)
        .payload(shaped.payload().toString().getBytes(StandardCharsets.UTF_8)) : switch (update) {
      case Update.Telemetry t -> client.publishWith()
          .topic("twins/" + t.twinId() + (t.component() == null ? "" : "/components/" + t.component()) + "/telemetry")
          .qos(MqttQos.AT_LEAST_ONCE).payload(t.values().toString().getBytes(StandardCharsets.UTF_8))
          .userProperties().add("Telemetry-Source-Time", t.time().toString()).applyUserProperties();
      case Update.Properties p -> client.publishWith().topic("twins/" + p.twinId() + "/properties")
          .qos(MqttQos.AT_LEAST_ONCE).payload(p.values().toString().getBytes(StandardCharsets.UTF_8));
    };
    inFlight.acquireUninterruptibly();
    return publish.send().whenComplete((result, failure) -> inFlight.release()).thenAccept(MqttSink::check);
  }

  private static void check(Mqtt5PublishResult result) {
    result.getError().ifPresent(e -> {
      throw new IllegalStateException("publish failed: " + e.getMessage(), e);
    });
    if (result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1 && qos1.getPubAck().getReasonCode().isError()) {
      throw new IllegalStateException("publish refused: " + qos1.getPubAck().getReasonCode()
          + qos1.getPubAck().getReasonString().map(r -> " " + r).orElse(""));
    }
  }

  @Override
  public String describe() {
    return "mqtt://" + host + ":" + port;
  }

  @Override
  public void close() {
    try {
      client.disconnect().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // already gone: nothing left to release
    }
  }
}
