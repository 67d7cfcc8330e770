package io.doppel.server;

import io.doppel.twin.TwinEngine;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/** Request counts and latencies per route template and status, and the engine's gauges, for {@code /metrics}. */
final class HttpMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  HttpMetrics(TwinEngine engine) {
    Gauge.builder("doppel.twins", engine, TwinEngine::twinCount)
        .description("twins in the engine")
        .register(registry);
    Gauge.builder("doppel.engine.version", engine, TwinEngine::version)
        .description("version of the last applied change")
        .register(registry);
  }

  /** Called by Javalin's request logger once per request, after the response is decided. */
  void record(Context ctx, float millis) {
    String route = ctx.attribute(RouteTable.ROUTE_ATTRIBUTE);
    Timer.builder("doppel.http.requests")
        .description("HTTP requests by route template, method and status")
        .tag("method", ctx.method().name())
        .tag("route", route == null ? "unmatched" : route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(registry)
        .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
  }

  String scrape() {
    return registry.scrape();
  }

  void close() {
    registry.close();
  }
}
