package io.doppel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A tiny JSON client over {@link HttpClient} for the tests. */
final class Http {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final URI base;
  private final Map<String, String> defaultHeaders = new LinkedHashMap<>();

  Http(URI base) {
    this.base = base;
  }

  Http withHeader(String name, String value) {
    Http copy = new Http(base);
    copy.defaultHeaders.putAll(defaultHeaders);
    copy.defaultHeaders.put(name, value);
    return copy;
  }

  record Response(int status, String text, java.net.http.HttpHeaders headers) {
    JsonNode json() {
      if (text.isEmpty()) {
        return MissingNode.getInstance();
      }
      try {
        return MAPPER.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("response is not JSON: " + text, e);
      }
    }

    String errorCode() {
      return json().path("error").path("code").asText();
    }

    /** The targets named by the error's details, e.g. {@code /temperature}. */
    String targets() {
      StringBuilder out = new StringBuilder();
      json().path("error").path("details").forEach(d -> out.append(d.path("target").asText()).append(' '));
      return out.toString();
    }

    @Nullable String etag() {
      return headers.firstValue("ETag").orElse(null);
    }
  }

  static String enc(String pathSegment) {
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  Response get(String path, String... headers) {
    return send("GET", path, null, "application/json", headers);
  }

  Response delete(String path, String... headers) {
    return send("DELETE", path, null, "application/json", headers);
  }

  Response put(String path, String body, String... headers) {
    return send("PUT", path, body, "application/json", headers);
  }

  Response post(String path, String body, String... headers) {
    return send("POST", path, body, "application/json", headers);
  }

  Response patch(String path, String body, String... headers) {
    return send("PATCH", path, body, "application/json-patch+json", headers);
  }

  Response send(String method, String path, @Nullable String body, String contentType, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    defaultHeaders.forEach(request::header);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
