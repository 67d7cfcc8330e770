package io.doppel.stream.routes;

import io.doppel.stream.spi.OutboxEntry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * POSTs CloudEvents in structured mode, one per request ({@code application/cloudevents+json}) or a batch per
 * request ({@code application/cloudevents-batch+json}). 2xx is delivered; 408, 429 and 5xx are retried (honouring
 * {@code Retry-After}), as are timeouts and refused connections; any other status means the endpoint will never take
 * the event, which is parked.
 */
final class WebhookTransport implements Transport {
  static final String SINGLE = "application/cloudevents+json; charset=utf-8";
  static final String BATCH = "application/cloudevents-batch+json; charset=utf-8";

  private final Endpoint.Webhook endpoint;
  private final HttpClient http;

  WebhookTransport(Endpoint.Webhook endpoint) {
    this.endpoint = endpoint;
    this.http = HttpClient.newBuilder().connectTimeout(endpoint.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public Attempt deliver(List<OutboxEntry> batch) throws InterruptedException {
    if (endpoint.batch()) {
      StringBuilder body = new StringBuilder(64 * batch.size()).append('[');
      for (int i = 0; i < batch.size(); i++) {
        body.append(i == 0 ? "" : ",").append(batch.get(i).payload());
      }
      Attempt.Failed failed = post(body.append(']').toString(), BATCH, 0, batch.size());
      return failed == null ? new Attempt.Delivered(batch.size()) : failed;
    }
    for (int i = 0; i < batch.size(); i++) {
      Attempt.Failed failed = post(batch.get(i).payload(), SINGLE, i, 1);
      if (failed != null) {
        return failed;
      }
    }
    return new Attempt.Delivered(batch.size());
  }

  private Attempt.@Nullable Failed post(String body, String contentType, int delivered, int events)
      throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.url()).timeout(endpoint.timeout())
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    endpoint.headers().forEach(request::header);
    if (endpoint.secret() != null) {
      request.header("Authorization", "Bearer " + endpoint.secret());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return Attempt.Failed.retry(delivered, "POST " + endpoint.url() + ": " + e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return null;
    }
    String error = "HTTP " + status + snippet(response.body());
    if (status == 408 || status == 429 || status >= 500) {
      return new Attempt.Failed(delivered, error, true, 0, retryAfter(response.headers().firstValue("Retry-After")));
    }
    return Attempt.Failed.reject(delivered, events, error);
  }

  private static String snippet(@Nullable String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String line = body.strip().replaceAll("\\s+", " ");
    return ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
  }

  /** Only the delay-seconds form: an HTTP date would need the endpoint's clock to agree with ours. */
  private static @Nullable Duration retryAfter(Optional<String> header) {
    try {
      return header.map(h -> Duration.ofSeconds(Long.parseLong(h.trim()))).orElse(null);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
