package io.doppel.bench.ingestpeer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Sends prepared requests with a fixed number in flight (one keep-alive connection each) and waits for every
 * answer; a request counts only once answered 2xx, and any other answer fails the run (nothing is silently lost).
 */
final class HttpLoad {
  /** One request: its URI, its body, and the values it carries. */
  record Call(URI uri, String body, String contentType, List<String> headers, int values) {}

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final int inFlight;

  HttpLoad(int inFlight) {
    this.inFlight = inFlight;
  }

  /** Sends calls {@code 0..count-1} and returns the values acknowledged. */
  long run(int count, IntFunction<Call> calls) throws InterruptedException {
    Semaphore slots = new Semaphore(inFlight);
    AtomicLong values = new AtomicLong();
    AtomicReference<String> failure = new AtomicReference<>();
    for (int i = 0; i < count && failure.get() == null; i++) {
      Call call = calls.apply(i);
      slots.acquire();
      HttpRequest.Builder request = HttpRequest.newBuilder(call.uri()).timeout(Duration.ofSeconds(60))
          .header("Content-Type", call.contentType())
          .POST(HttpRequest.BodyPublishers.ofString(call.body()));
      for (int h = 0; h + 1 < call.headers().size(); h += 2) {
        request.header(call.headers().get(h), call.headers().get(h + 1));
      }
      CompletableFuture<HttpResponse<String>> sent = client.sendAsync(request.build(),
          HttpResponse.BodyHandlers.ofString());
      sent.whenComplete((response, error) -> {
        if (error != null) {
          failure.compareAndSet(null, call.uri() + ": " + error);
        } else if (response.statusCode() / 100 != 2) {
          failure.compareAndSet(null, call.uri() + " answered " + response.statusCode() + ": " + response.body());
        } else {
          values.addAndGet(call.values());
        }
        slots.release();
      });
    }
    slots.acquire(inFlight);
    slots.release(inFlight);
    if (failure.get() != null) {
      throw new IllegalStateException("ingest failed: " + failure.get());
    }
    return values.get();
  }
}
