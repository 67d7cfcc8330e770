package io.doppel.server;

import io.doppel.stream.routes.EventRoutes;
import io.doppel.twin.EngineStats;
import io.doppel.twin.TwinEngine;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import io.doppel.ingest.mqtt.MqttStats;
import org.jspecify.annotations.Nullable;

/**
 * Request counts and latencies per route template and status, and the engine's gauges and write-path counters
 * ({@link EngineStats}: commits, committed changes, batch sizes, queue depth), for {@code /metrics}.
 */
final class HttpMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  /**
   * Timers by method, route and status, resolved once: building a timer's id and looking it up in the registry on
   * every request cost more than the recording itself.
   */
  private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

  private static final java.time.Duration[] LATENCY_BUCKETS = java.util.stream.LongStream
      .of(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10_000).mapToObj(java.time.Duration::ofMillis)
      .toArray(java.time.Duration[]::new);

  private record TimerKey(String method, String route, int status) {}

  private volatile @Nullable Supplier<@Nullable MqttStats> mqttStats;
  private volatile @Nullable OpsMeters ops;

  HttpMetrics(TwinEngine engine) {
    Gauge.builder("doppel.twins", engine, TwinEngine::twinCount)
        .description("twins in the engine")
        .register(registry);
    Gauge.builder("doppel.engine.version", engine, TwinEngine::version)
        .description("version of the last applied change")
        .register(registry);
    counter(engine, "doppel.engine.commits", "durable store commits (one per group of writes)",
        s -> s.commits());
    counter(engine, "doppel.engine.committed.changes", "changes made durable by those commits",
        s -> s.committedChanges());
    counter(engine, "doppel.engine.refused.writes", "writes refused (validation, preconditions, storage failures)",
        s -> s.refusedWrites());
    counter(engine, "doppel.engine.reprepared.writes",
        "twin writes prepared again because their twin or the models changed after the caller prepared them",
        s -> s.reprepared());
    gauge(engine, "doppel.engine.batch.size.last", "requests the sequencer took in its last batch",
        s -> s.lastBatchSize());
    gauge(engine, "doppel.engine.batch.size.average", "committed changes per commit since the engine opened",
        EngineStats::averageBatchSize);
    gauge(engine, "doppel.engine.queue.depth", "writes waiting for the sequencer", s -> s.queueDepth());
  }

  /** The MQTT endpoint's counters; {@code stats} answers null while the endpoint is not running. */
  void mqtt(Supplier<@Nullable MqttStats> stats) {
    this.mqttStats = stats; // held here: meters keep only weak references to what they read
    Gauge.builder("doppel.mqtt.connections", this, m -> m.mqttValue(MqttStats::connections))
        .description("MQTT sessions open").register(registry);
    mqttCounter("doppel.mqtt.connections.accepted", "MQTT CONNECTs accepted", MqttStats::connectionsAccepted);
    mqttCounter("doppel.mqtt.connections.refused", "MQTT CONNECTs refused (credentials, protocol version)",
        MqttStats::connectionsRefused);
    mqttCounter("doppel.mqtt.messages.in", "MQTT PUBLISHes handed to the ingestor", MqttStats::messagesIn);
    mqttCounter("doppel.mqtt.qos1.acked", "MQTT PUBACKs sent, each once its message was durable",
        MqttStats::qos1Acked);
    mqttCounter("doppel.mqtt.publishes.refused", "MQTT PUBLISHes refused (QoS 2, topic alias, receive maximum)",
        MqttStats::publishesRefused);
    mqttCounter("doppel.mqtt.protocol.errors", "MQTT connections closed for malformed or oversized packets",
        MqttStats::protocolErrors);
    mqttCounter("doppel.mqtt.keepalive.timeouts", "MQTT connections closed after 1.5x keep-alive of silence",
        MqttStats::keepAliveTimeouts);
    mqttCounter("doppel.mqtt.storage.failures", "MQTT messages the ingestor could not store",
        MqttStats::storageFailures);
    mqttCounter("doppel.mqtt.load.pauses",
        "times an MQTT connection stopped reading because the server's pending writes were at their limit",
        MqttStats::loadPauses);
    Gauge.builder("doppel.mqtt.paused.for.load", this, m -> m.mqttValue(MqttStats::pausedForLoad))
        .description("MQTT connections not reading now because the server's pending writes are at their limit")
        .register(registry);
    mqttCounter("doppel.mqtt.downlink.sent", "MQTT PUBLISHes sent to devices (desired properties, commands)",
        MqttStats::downlinkSent);
  }

  private void mqttCounter(String name, String description, ToLongFunction<MqttStats> value) {
    FunctionCounter.builder(name, this, m -> m.mqttValue(value)).description(description).register(registry);
  }

  private double mqttValue(ToLongFunction<MqttStats> value) {
    Supplier<@Nullable MqttStats> stats = mqttStats;
    MqttStats now = stats == null ? null : stats.get();
    return now == null ? 0 : value.applyAsLong(now);
  }

  /**
   * The event routes' totals: how many fail or overflow (alert on these), events waiting, delivered, parked and not
   * kept. Per-route figures are in {@code GET /eventroutes}.
   */
  void bind(EventRoutes routes) {
    ToDoubleFunction<EventRoutes> failing = r -> r.summary().failing();
    Gauge.builder("doppel.routes.failing", routes, failing)
        .description("event routes whose last failingAfter attempts all failed").register(registry);
    Gauge.builder("doppel.routes.overflowing", routes, r -> r.summary().overflowing())
        .description("event routes whose outbox is full (new events are not kept)").register(registry);
    Gauge.builder("doppel.routes.lag", routes, r -> r.summary().lag())
        .description("events waiting in the event routes' outboxes").register(registry);
    FunctionCounter.builder("doppel.routes.delivered", routes, r -> r.summary().delivered())
        .description("events delivered by event routes since the server started").register(registry);
    Gauge.builder("doppel.routes.parked", routes, r -> r.summary().parked())
        .description("letters the event routes parked (refused by or given up on their endpoint)").register(registry);
    FunctionCounter.builder("doppel.routes.dropped", routes, r -> r.summary().dropped())
        .description("events not kept because a route's outbox was full").register(registry);
  }

  /** Load shedding: writes waiting to become durable against the limit, and how many were refused (429). */
  void bind(io.doppel.twin.WriteBudget budget) {
    Gauge.builder("doppel.writes.pending", budget, b -> b.pending())
        .description("writes taken in (HTTP, MQTT, Kafka) and not yet durable").register(registry);
    Gauge.builder("doppel.writes.pending.limit", budget, b -> b.limit())
        .description("writes that may be pending before HTTP writes are shed and connectors pause (--max-pending-writes)")
        .register(registry);
    Gauge.builder("doppel.writes.saturated", budget, b -> b.saturated() ? 1 : 0)
        .description("1 while the pending writes reached the limit and have not yet fallen to half of it")
        .register(registry);
    Gauge.builder("doppel.writes.drain.rate", budget, b -> Math.max(0, b.drainRate()))
        .description("writes made durable or refused per second over the last second").register(registry);
    FunctionCounter.builder("doppel.writes.shed", budget, b -> b.shedCount())
        .description("writes refused with 429 OVERLOADED because the pending writes were at the limit")
        .register(registry);
    FunctionCounter.builder("doppel.writes.saturations", budget, b -> b.saturationCount())
        .description("times the pending writes reached the limit (MQTT and Kafka stop reading each time)")
        .register(registry);
  }

  private void counter(TwinEngine engine, String name, String description, ToDoubleFunction<EngineStats> value) {
    FunctionCounter.builder(name, engine, e -> value.applyAsDouble(e.stats()))
        .description(description)
        .register(registry);
  }

  private void gauge(TwinEngine engine, String name, String description, ToDoubleFunction<EngineStats> value) {
    Gauge.builder(name, engine, e -> value.applyAsDouble(e.stats()))
        .description(description)
        .register(registry);
  }

  /** Called by Javalin's request logger once per request, after the response is decided. */
  void record(Context ctx, float millis) {
    String route = ctx.attribute(RouteTable.ROUTE_ATTRIBUTE);
    TimerKey key = new TimerKey(ctx.method().name(), route == null ? "unmatched" : route, ctx.statusCode());
    Timer timer = timers.get(key);
    if (timer == null) {
      timer = timers.computeIfAbsent(key, k -> Timer.builder("doppel.http.requests")
          .description("HTTP requests by route template, method and status")
          // a few fixed buckets (histogram_quantile in Prometheus) rather than ~70 per route and status
          .serviceLevelObjectives(LATENCY_BUCKETS)
          .tag("method", k.method())
          .tag("route", k.route())
          .tag("status", Integer.toString(k.status()))
          .register(registry));
    }
    timer.record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
  }

  /** JVM, disk, store sizes, connectors and dead letters ({@link OpsMeters}). */
  void bind(java.nio.file.@Nullable Path dataDir, io.doppel.ingest.connector.ConnectorRegistry connectors,
      io.doppel.ingest.spi.DeadLetterStore deadLetters) {
    this.ops = new OpsMeters(registry, dataDir, connectors, deadLetters);
  }

  String scrape() {
    OpsMeters meters = ops;
    if (meters != null) {
      meters.refresh();
    }
    return registry.scrape();
  }

  void close() {
    OpsMeters meters = ops;
    if (meters != null) {
      meters.close();
    }
    registry.close();
  }
}
