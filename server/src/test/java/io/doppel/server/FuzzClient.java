package io.doppel.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Sends {@link HttpFuzzInput}s as they are (raw bytes, any content type) over one HTTP/1.1 client that keeps its
 * connections, as the admin. A request unanswered within {@link #TIMEOUT} is a hang and fails the input.
 */
final class FuzzClient {
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT).build();
  private final URI base;
  private final String adminKey;
  private long retries;

  FuzzClient(URI base, String adminKey) {
    this.base = base;
    this.adminKey = adminKey;
  }

  record Answer(int status, String text) {
    JsonNode json(String context) {
      try {
        return Http.MAPPER.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("the error is not JSON: " + context, e);
      }
    }
  }

  Answer send(HttpFuzzInput input) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(input.target())).timeout(TIMEOUT)
        .method(input.method(), HttpRequest.BodyPublishers.ofByteArray(input.body()))
        .header("Authorization", "Bearer " + adminKey);
    if (input.contentType() != null) {
      request.header("Content-Type", input.contentType());
    }
    for (int i = 0; i + 1 < input.headers().size(); i += 2) {
      request.header(input.headers().get(i), input.headers().get(i + 1));
    }
    HttpRequest built = request.build();
    try {
      return send(built);
    } catch (HttpTimeoutException e) {
      throw new AssertionError("no answer within " + TIMEOUT.toSeconds() + " s (a hang): " + input.show(), e);
    } catch (IOException first) {
      // the client may have picked a kept-alive connection the server had just closed after an earlier refusal;
      // the same request on a fresh connection must be answered
      retries++;
      try {
        return send(built);
      } catch (IOException e) {
        e.addSuppressed(first);
        throw new AssertionError("the connection failed twice: " + input.show(), e);
      }
    }
  }

  /** A GET of {@code target} (path and query, percent-encoded), as the admin. */
  Answer get(String target) throws InterruptedException {
    return plain("GET", target);
  }

  /** A DELETE of {@code target} (path and query, percent-encoded), as the admin. */
  Answer delete(String target) throws InterruptedException {
    return plain("DELETE", target);
  }

  private Answer plain(String method, String target) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(target)).timeout(TIMEOUT)
        .method(method, HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + adminKey).build();
    try {
      return send(request);
    } catch (IOException e) {
      throw new AssertionError(method + " " + target + " failed", e);
    }
  }

  /** How many requests needed a second connection. */
  long retries() {
    return retries;
  }

  private Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }
}
