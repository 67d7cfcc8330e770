package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.doppel.history.HistoryOptions;
import io.doppel.ingest.IngestOptions;
import io.doppel.server.AdmissionOptions;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A CLI write the server refuses as overloaded (429 with Retry-After: nothing was done) is sent again after the
 * wait the server asked for, and succeeds once there is room.
 */
class OverloadRetryTest {
  private static final String MODEL = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Device;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"serial","schema":"string"}]}
      """;
  private static final String DEVICE = "{\"$metadata\":{\"$model\":\"dtmi:cli:Device;1\"},\"serial\":\"%s\"}";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aWriteRefusedAsOverloadedIsRetriedAfterRetryAfterAndSucceeds() throws Exception {
    // one pending write at most, and a writer that rests 8 s after each commit: a second write is refused meanwhile
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral(), HistoryOptions.defaults(),
        IngestOptions.defaults(), new AdmissionOptions(1, Duration.ofSeconds(8)))) {
      URI base = server.baseUri();
      assertThat(send(base, "POST", "/models", "[" + MODEL + "]").statusCode()).isEqualTo(201);
      CompletableFuture<HttpResponse<String>> held =
          HTTP.sendAsync(put(base, "/digitaltwins/held", DEVICE.formatted("H")), HttpResponse.BodyHandlers.ofString());
      await().atMost(Duration.ofSeconds(10)).until(() -> pending(base) == 1);

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err))
          .execute("twins", "put", "d1", DEVICE.formatted("A"), "--url", base.toString(), "--compact");

      assertThat(exit).as(err.toString()).isZero();
      assertThat(ApiClient.MAPPER.readTree(out.toString()).path("serial").asText()).isEqualTo("A");
      assertThat(metric(base, "doppel_writes_shed_total")).as("the first try was refused").isPositive();
      assertThat(held.get().statusCode()).isEqualTo(200);
    }
  }

  private static HttpRequest put(URI base, String path, String body) {
    return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static HttpResponse<String> send(URI base, String method, String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double pending(URI base) throws Exception {
    return metric(base, "doppel_writes_pending");
  }

  private static double metric(URI base, String name) throws Exception {
    String text = HTTP.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no metric " + name);
  }
}
