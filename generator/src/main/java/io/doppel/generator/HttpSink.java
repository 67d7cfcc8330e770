package io.doppel.generator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * Sends an update its device shape covers ({@link DeviceShapes}) as the device's own message to {@code POST
 * /ingest?topic=...}, read by the server's stored mappings; any other telemetry as Azure Digital Twins'
 * {@code sendTelemetry} ({@code POST /digitaltwins/{id}/telemetry} with {@code Telemetry-Source-Time}) and property
 * values as a JSON Patch. At most {@code maxInFlight} requests are open. A message the server kept as a dead letter
 * (202) counts as failed, with its reason.
 */
public final class HttpSink implements Sink {
  private final URI base;
  private final ServerAccess access;
  private final HttpClient client;
  private final Semaphore inFlight;
  private final @Nullable DeviceShapes shapes;

  public HttpSink(URI base, @Nullable String token, int maxInFlight) {
    this(base, ServerAccess.of(token), maxInFlight, null);
  }

  public HttpSink(URI base, ServerAccess access, int maxInFlight, @Nullable DeviceShapes shapes) {
    this.shapes = shapes;
    this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
    this.access = access;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    this.inFlight = new Semaphore(maxInFlight);
  }

  @Override
  public CompletableFuture<Void> send(Update update) {
    DeviceShapes.Message shaped = shapes == null ? null : shapes.of(update);
    HttpRequest request = shaped != null
        ? request("ingest?topic=" + URLEncoder.encode(shaped.topic(), StandardCharsets.UTF_8))
            .POST(HttpRequest.BodyPublishers.ofString(shaped.payload().toString())).build()
        : switch (update) {
      case Update.Telemetry t -> request(twinPath(t.twinId()) + (t.component() == null ? ""
          : "/components/" + encode(t.component())) + "/telemetry")
          .header("Telemetry-Source-Time", t.time().toString())
          .POST(HttpRequest.BodyPublishers.ofString(t.values().toString())).build();
      case Update.Properties p -> {
        ArrayNode patch = DemoGraph.JSON.createArrayNode();
        p.values().properties().forEach(e ->
            patch.addObject().put("op", "add").put("path", "/" + e.getKey()).set("value", e.getValue()));
        yield request(twinPath(p.twinId())).method("PATCH", HttpRequest.BodyPublishers.ofString(patch.toString()))
            .build();
      }
    };
    inFlight.acquireUninterruptibly();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenComplete((response, failure) -> inFlight.release())
        .thenAccept(response -> {
          if (response.statusCode() >= 300 || (shaped != null && response.statusCode() == 202)) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                + response.statusCode() + ": " + abbreviate(response.body()));
          }
        });
  }

  @Override
  public String describe() {
    return base.toString();
  }

  @Override
  public void close() {
    client.close();
  }

  private HttpRequest.Builder request(String path) {
    return access.addTo(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json"));
  }

  private static String twinPath(String id) {
    return "digitaltwins/" + encode(id);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String abbreviate(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "...";
  }
}
