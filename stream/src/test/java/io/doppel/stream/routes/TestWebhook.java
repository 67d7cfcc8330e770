package io.doppel.stream.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP endpoint on a loopback port: it answers each POST with what {@code answer} says (a status code), and
 * keeps the CloudEvents of the requests it accepted with 2xx, in arrival order. It can be down (nothing listening
 * on its port) and come back on the same port.
 */
final class TestWebhook implements AutoCloseable {
  /** One request as it arrived. */
  record Request(String contentType, @Nullable String authorization, @Nullable String custom, String body) {}

  private final int port;
  private final List<JsonNode> accepted = new ArrayList<>();
  private final List<Request> requests = new ArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile Function<String, Integer> answer = body -> 200;
  private @Nullable HttpServer server;

  private TestWebhook(int port) {
    this.port = port;
  }

  /** Listening now. */
  static TestWebhook started() throws IOException {
    TestWebhook hook = new TestWebhook(0);
    hook.up();
    return hook;
  }

  /** Not listening yet: a reserved free port, {@link #up()} later. */
  static TestWebhook down() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return new TestWebhook(probe.getLocalPort());
    }
  }

  synchronized void up() throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 50);
    s.createContext("/hook", this::handle);
    s.setExecutor(Executors.newFixedThreadPool(2));
    s.start();
    server = s;
    boundPort = s.getAddress().getPort();
  }

  private volatile int boundPort;

  int port() {
    return port != 0 ? port : boundPort;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port() + "/hook");
  }

  /** The next {@code n} requests get {@code status} (503, 429, ...). */
  void failNext(int n) {
    failuresLeft.set(n);
  }

  void answer(Function<String, Integer> byBody) {
    answer = byBody;
  }

  private final AtomicInteger failStatus = new AtomicInteger(503);

  void failWith(int status) {
    failStatus.set(status);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? failStatus.get() : answer.apply(body);
    synchronized (this) {
      requests.add(new Request(exchange.getRequestHeaders().getFirst("Content-Type"),
          exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("X-Custom"),
          body));
      if (status / 100 == 2) {
        JsonNode json = Pumps.json(body);
        if (json.isArray()) {
          json.forEach(accepted::add);
        } else {
          accepted.add(json);
        }
      }
    }
    byte[] reply = (status / 100 == 2 ? "" : "refused with " + status).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
    if (reply.length > 0) {
      exchange.getResponseBody().write(reply);
    }
    exchange.close();
  }

  synchronized List<JsonNode> accepted() {
    return List.copyOf(accepted);
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public synchronized void close() {
    HttpServer s = server;
    server = null;
    if (s != null) {
      s.stop(0);
      ((java.util.concurrent.ExecutorService) s.getExecutor()).shutdownNow();
    }
  }
}
