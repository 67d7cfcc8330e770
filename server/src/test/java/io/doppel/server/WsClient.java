package io.doppel.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client ({@link java.net.http.WebSocket}) collecting whole text messages. A stalled client asks for
 * no messages until {@link #startReading()}, so the server's writes back up as with a consumer that stopped.
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  record Closed(int code, String reason) {}

  final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final boolean stalled;
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  private WsClient(boolean stalled) {
    this.stalled = stalled;
  }

  static WsClient connect(URI base, String pathAndQuery) {
    return open(base, pathAndQuery, false, new String[0]);
  }

  static WsClient connect(URI base, String pathAndQuery, String... headers) {
    return open(base, pathAndQuery, false, headers);
  }

  static WsClient stalled(URI base, String pathAndQuery) {
    return open(base, pathAndQuery, true, new String[0]);
  }

  private static WsClient open(URI base, String pathAndQuery, boolean stalled, String[] headers) {
    WsClient client = new WsClient(stalled);
    URI uri = URI.create(base.toString().replaceFirst("^http", "ws")).resolve(pathAndQuery);
    WebSocket.Builder builder = CLIENT.newWebSocketBuilder();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    client.socket = builder.buildAsync(uri, client).join();
    return client;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    if (!stalled) {
      webSocket.request(1); // a stalled client asks for nothing, so the client stops reading the socket
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      messages.add(partial.toString());
      partial.setLength(0);
    }
    if (!stalled) {
      webSocket.request(1);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(new Closed(statusCode, reason));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }

  void send(String text) {
    socket.sendText(text, true).join();
  }

  void startReading() {
    socket.request(Long.MAX_VALUE);
  }

  List<String> take(int n) throws InterruptedException {
    List<String> out = new ArrayList<>();
    while (out.size() < n) {
      String m = messages.poll(20, TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError("got " + out.size() + " of " + n + " messages");
      }
      out.add(m);
    }
    return out;
  }

  Closed awaitClose() throws Exception {
    return closed.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }
}
