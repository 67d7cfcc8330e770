package io.doppel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The HTTP calls of the client commands, turning error responses into one-line {@link CliFailure}s. */
final class ApiClient {
  static final ObjectMapper MAPPER = new ObjectMapper();
  /** Tries of a request the server refuses as overloaded (429), each after its Retry-After, before giving up. */
  static final int OVERLOAD_ATTEMPTS = 5;
  private static final long MAX_RETRY_AFTER_SECONDS = 30;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final ClientOptions options;
  private final HttpClient http;

  ApiClient(ClientOptions options) {
    this.options = options;
    this.http = options.cacert == null ? HTTP : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .sslContext(TrustedCertificates.sslContext(options.cacert)).build();
  }

  static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  JsonNode get(String path) {
    return send("GET", path, null, null);
  }

  JsonNode delete(String path, @Nullable String ifMatch) {
    return send("DELETE", path, null, ifMatch == null ? null : new String[] {"If-Match", ifMatch});
  }

  JsonNode put(String path, JsonNode body, String... headers) {
    return send("PUT", path, body, headers);
  }

  JsonNode post(String path, JsonNode body, String... headers) {
    return send("POST", path, body, headers);
  }

  JsonNode patch(String path, JsonNode body, @Nullable String ifMatch) {
    return send("PATCH", path, body, ifMatch == null ? null : new String[] {"If-Match", ifMatch});
  }

  /**
   * Sends a request whose answer is an export (CSV or JSON lines) and copies the body into {@code out} as it
   * arrives, never holding it whole; an error answer becomes the usual one-line {@link CliFailure}.
   */
  void download(String method, String path, @Nullable JsonNode body, String accept, java.io.Writer out) {
    URI uri = uri(path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30)).header("Accept", accept);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
      request.header("Content-Type", "application/json");
    }
    options.authorize(request);
    try {
      HttpResponse<java.io.InputStream> response = http.send(request.build(),
          HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.Reader in = new java.io.InputStreamReader(response.body(), StandardCharsets.UTF_8)) {
        int status = response.statusCode();
        if (status >= 400) {
          java.io.StringWriter text = new java.io.StringWriter();
          in.transferTo(text);
          throw new CliFailure(status >= 500 ? CliFailure.SERVER_PROBLEM : CliFailure.REQUEST_REJECTED,
              describe(method, uri, status, parse(text.toString()), text.toString()));
        }
        in.transferTo(out);
        out.flush();
      }
    } catch (IOException e) {
      throw new CliFailure(CliFailure.SERVER_PROBLEM, "cannot read " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(CliFailure.SERVER_PROBLEM, "interrupted while calling " + uri, e);
    }
  }

  private URI uri(String path) {
    return path.startsWith("http://") || path.startsWith("https://") ? URI.create(path)
        : URI.create(options.url.replaceAll("/+$", "") + path);
  }

  /** A body sent as it is written (a mapping in YAML or JSON), with its content type. */
  JsonNode putText(String path, String body, String contentType) {
    return send("PUT", path, body, contentType, null);
  }

  /** Follows every {@code nextLink} and returns all items of all pages as one array. */
  ArrayNode getAll(String path) {
    ArrayNode all = MAPPER.createArrayNode();
    String next = path;
    while (next != null) {
      JsonNode page = get(next);
      page.path("value").forEach(all::add);
      JsonNode link = page.path("nextLink");
      next = link.isTextual() ? link.asText() : null;
    }
    return all;
  }

  void print(PrintWriter out, JsonNode node) {
    if (node.isMissingNode()) {
      return;
    }
    try {
      out.println(options.compact ? MAPPER.writeValueAsString(node)
          : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JsonNode always serialises", e);
    }
  }

  private JsonNode send(String method, String path, @Nullable JsonNode body, String @Nullable [] headers) {
    return send(method, path, body == null ? null : body.toString(),
        method.equals("PATCH") ? "application/json-patch+json" : "application/json", headers);
  }

  private JsonNode send(String method, String path, @Nullable String body, String contentType,
      String @Nullable [] headers) {
    URI uri = path.startsWith("http://") || path.startsWith("https://") ? URI.create(path)
        : URI.create(options.url.replaceAll("/+$", "") + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      request.header("Content-Type", contentType);
    }
    options.authorize(request);
    if (headers != null) {
      for (int i = 0; i + 1 < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      // 429 OVERLOADED: nothing was done, so any write may be sent again once the server says it has room
      for (int attempt = 1; response.statusCode() == 429 && attempt < OVERLOAD_ATTEMPTS; attempt++) {
        long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
        Thread.sleep(Duration.ofSeconds(Math.max(1, Math.min(seconds, MAX_RETRY_AFTER_SECONDS))));
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      }
    } catch (IOException e) {
      throw new CliFailure(CliFailure.SERVER_PROBLEM, "cannot reach " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(CliFailure.SERVER_PROBLEM, "interrupted while calling " + uri, e);
    }
    JsonNode json = parse(response.body());
    int status = response.statusCode();
    if (status >= 400) {
      throw new CliFailure(status >= 500 ? CliFailure.SERVER_PROBLEM : CliFailure.REQUEST_REJECTED,
          describe(method, uri, status, json, response.body()));
    }
    return json;
  }

  /** {@code error 404 TWIN_NOT_FOUND: twin 'x' does not exist [at /x]} on one line. */
  private static String describe(String method, URI uri, int status, JsonNode json, String raw) {
    JsonNode error = json.path("error");
    if (!error.isObject()) {
      return "error " + status + " on " + method + " " + uri.getPath() + ": " + raw.strip().replace('\n', ' ');
    }
    StringBuilder line = new StringBuilder("error ").append(status).append(' ')
        .append(error.path("code").asText()).append(": ").append(error.path("message").asText());
    StringBuilder targets = new StringBuilder();
    for (JsonNode detail : error.path("details")) {
      if (!targets.isEmpty()) {
        targets.append("; ");
      }
      targets.append(detail.path("target").asText()).append(": ").append(detail.path("message").asText());
    }
    if (!targets.isEmpty()) {
      line.append(" [").append(targets).append(']');
    }
    return line.toString().replace('\n', ' ');
  }

  private static JsonNode parse(String text) {
    if (text.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return MAPPER.getNodeFactory().textNode(text);
    }
  }
}
