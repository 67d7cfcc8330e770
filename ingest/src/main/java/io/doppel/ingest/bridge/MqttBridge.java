package io.doppel.ingest.bridge;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import io.doppel.ingest.Ingestor;
import io.doppel.ingest.Message;
import io.doppel.ingest.Outcome;
import io.doppel.ingest.connector.Connector;
import io.doppel.ingest.connector.ConnectorMeter;
import io.doppel.ingest.connector.ConnectorState;
import io.doppel.ingest.connector.ConnectorStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bridge from an external MQTT broker. The session is persistent (clean start off, a day of expiry) so that the
 * broker keeps QoS 1 messages while the bridge is paused or cut off; each message is acknowledged (PUBACK) only
 * once the ingestor's future completes, and a storage failure retries the same message after a pause rather than
 * acknowledging it. The client reconnects by itself, from half a second up to thirty seconds apart.
 */
final class MqttBridge implements Connector {
  private static final Logger LOG = LoggerFactory.getLogger(MqttBridge.class);
  private static final long SESSION_EXPIRY_S = 86_400;

  private final String id;
  private final MqttBridgeType.Settings settings;
  private final Ingestor ingestor;
  private final Clock clock;
  private final ConnectorMeter meter;
  private final Mqtt5AsyncClient client;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ScheduledExecutorService retries;
  private volatile ConnectorState state = ConnectorState.STARTING;
  private volatile boolean paused;
  private volatile boolean closed;
  private boolean started;

  MqttBridge(String id, MqttBridgeType.Settings settings, Ingestor ingestor, Clock clock) {
    this.id = id;
    this.settings = settings;
    this.ingestor = ingestor;
    this.clock = clock;
    this.meter = new ConnectorMeter(clock);
    this.retries = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
        .name("doppel-bridge-" + id).unstarted(r));
    Mqtt5ClientBuilder builder = Mqtt5Client.builder()
        .identifier(settings.clientId() != null ? settings.clientId() : "doppel-" + id)
        .serverHost(settings.host())
        .serverPort(settings.port())
        .automaticReconnect().initialDelay(500, TimeUnit.MILLISECONDS).maxDelay(30, TimeUnit.SECONDS)
        .applyAutomaticReconnect()
        .addConnectedListener(ctx -> {
          state = ConnectorState.RUNNING;
          LOG.info("mqtt bridge {} connected to {}:{}", id, settings.host(), settings.port());
        })
        .addDisconnectedListener(ctx -> {
          if (closed || paused) {
            ctx.getReconnector().reconnect(false);
            return;
          }
          state = ConnectorState.DISCONNECTED;
          meter.error("disconnected from " + settings.host() + ":" + settings.port() + ": " + ctx.getCause());
        });
    if (settings.tls()) {
      builder = builder.sslWithDefaultConfig();
    }
    this.client = builder.buildAsync();
    // Registered before connecting, so that messages the broker kept for the session are not missed.
    client.publishes(MqttGlobalPublishFilter.ALL, this::handle, true);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String type() {
    return "mqtt-bridge";
  }

  @Override
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    if (!paused) {
      connect();
    }
  }

  @Override
  public synchronized void pause() {
    paused = true;
    if (started && client.getState().isConnectedOrReconnect()) {
      client.disconnect(); // the broker keeps the session and queues what comes meanwhile
    }
  }

  @Override
  public synchronized void resume() {
    boolean was = paused;
    paused = false;
    if (started && was) {
      connect();
    }
  }

  @Override
  public ConnectorStatus status() {
    ConnectorState shown = paused ? ConnectorState.PAUSED : state;
    return meter.status(id, type(), false, shown, (long) inFlight.get());
  }

  @Override
  public synchronized void close() {
    closed = true;
    retries.shutdownNow();
    if (client.getState().isConnectedOrReconnect()) {
      try {
        client.disconnect().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.debug("mqtt bridge {} did not disconnect cleanly", id, e);
      }
    }
  }

  private void connect() {
    var connect = client.connectWith().cleanStart(false).sessionExpiryInterval(SESSION_EXPIRY_S);
    if (settings.username() != null) {
      connect = connect.simpleAuth().username(settings.username())
          .password(settings.password() == null ? new byte[0] : settings.password().getBytes(StandardCharsets.UTF_8))
          .applySimpleAuth();
    }
    connect.send().thenCompose(ack -> ack.isSessionPresent() ? CompletableFuture.completedFuture(null)
        : subscribe()).whenComplete((ok, error) -> {
          if (error != null) {
            meter.error("connect to " + settings.host() + ":" + settings.port() + " failed: " + error);
            state = ConnectorState.DISCONNECTED;
          }
        });
  }

  private CompletableFuture<?> subscribe() {
    List<Mqtt5Subscription> subscriptions = settings.topics().stream().map(t -> Mqtt5Subscription.builder()
        .topicFilter(t).qos(MqttQos.AT_LEAST_ONCE).build()).toList();
    return client.subscribeWith().addSubscriptions(subscriptions).send();
  }

  private void handle(Mqtt5Publish publish) {
    Map<String, String> headers = new LinkedHashMap<>();
    publish.getUserProperties().asList().forEach(p -> headers.put(p.getName().toString(), p.getValue().toString()));
    byte[] payload = publish.getPayloadAsBytes();
    Message message = new Message(id, settings.host() + ":" + settings.port(), publish.getTopic().toString(), null,
        payload, headers, clock.instant());
    meter.received();
    inFlight.incrementAndGet();
    ingest(publish, message, 500);
  }

  private void ingest(Mqtt5Publish publish, Message message, long backoff) {
    CompletableFuture<Outcome> outcome;
    try {
      outcome = ingestor.ingest(message);
    } catch (RuntimeException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
    outcome.whenComplete((o, failure) -> {
      if (failure == null) {
        meter.outcome(o);
        inFlight.decrementAndGet();
        publish.acknowledge();
        return;
      }
      meter.error("storage failed for " + message.topic() + ": " + failure);
      if (closed) {
        return; // not acknowledged: the broker sends it again to the next session
      }
      LOG.warn("mqtt bridge {}: message on {} not durable; retrying in {} ms", id, message.topic(), backoff, failure);
      retries.schedule(() -> ingest(publish, message, Math.min(backoff * 2, 30_000)), backoff, TimeUnit.MILLISECONDS);
    });
  }
}
