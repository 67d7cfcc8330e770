package io.doppel.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A real Server-Sent Events client over {@link HttpClient}: the body is read line by line as it streams. A stalled
 * client does not read at all until {@link #startReading()}, like a consumer that stopped keeping up.
 */
final class SseClient implements AutoCloseable {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** One event as the wire framed it; {@code event} is null for plain data events. */
  record Event(@Nullable String id, @Nullable String event, String data) {}

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private volatile boolean ended;
  private @Nullable Thread reader;

  private SseClient(HttpResponse<InputStream> response) {
    this.response = response;
  }

  static SseClient connect(URI base, String pathAndQuery, String... headers) throws Exception {
    SseClient client = open(base, pathAndQuery, headers);
    client.startReading();
    return client;
  }

  /** Connected, but reads nothing until {@link #startReading()}. */
  static SseClient open(URI base, String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
        .header("Accept", "text/event-stream").GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return new SseClient(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  int status() {
    return response.statusCode();
  }

  /** The whole body of a refused (non-200) request. */
  String errorBody() throws IOException {
    try (InputStream in = response.body()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  void startReading() {
    reader = Thread.ofVirtual().start(this::readAll);
  }

  private void readAll() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String event = null;
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            events.add(new Event(id, event, data.toString()));
          }
          id = null;
          event = null;
          data.setLength(0);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (IOException e) {
      // The server dropped the connection: the events read so far stand.
    } finally {
      ended = true;
    }
  }

  /** The next {@code n} events, waiting up to 20 seconds for them. */
  List<Event> take(int n) throws InterruptedException {
    List<Event> out = new ArrayList<>();
    while (out.size() < n) {
      Event e = events.poll(20, TimeUnit.SECONDS);
      if (e == null) {
        throw new AssertionError("got " + out.size() + " of " + n + " events: " + out);
      }
      out.add(e);
    }
    return out;
  }

  /** Every event until the server ends the stream. */
  List<Event> untilEnd() throws InterruptedException {
    Thread t = reader;
    if (t != null) {
      t.join(Duration.ofSeconds(30));
    }
    if (!ended) {
      throw new AssertionError("the stream did not end");
    }
    List<Event> out = new ArrayList<>();
    events.drainTo(out);
    return out;
  }

  @Override
  public void close() throws IOException {
    response.body().close();
  }
}
