package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code doppel watch}: follows the server's change stream ({@code GET /events}, Server-Sent Events) and prints one
 * CloudEvent JSON per line, so that the output pipes into {@code jq} or a file.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "Print changes as they happen: one CloudEvent JSON per line. Repeat an option for alternatives.")
final class WatchCommand extends ClientCommand {
  @Option(names = "--twin", paramLabel = "<id>", description = "Only this twin (and its relationships).")
  List<String> twins = new ArrayList<>();
  @Option(names = "--model", paramLabel = "<dtmi>", description = "Only twins of this model or of models extending it.")
  List<String> models = new ArrayList<>();
  @Option(names = "--relationship", paramLabel = "<name>", description = "Only relationships with this name.")
  List<String> relationships = new ArrayList<>();
  @Option(names = "--type", paramLabel = "<type>",
      description = "Only this event type, e.g. io.doppel.twin.patched or io.doppel.twin.*.")
  List<String> types = new ArrayList<>();
  @Option(names = "--where", paramLabel = "<condition>", description = "Only twins that pass this condition after "
      + "the change, in the query language's WHERE syntax, e.g. \"IS_OF_MODEL('dtmi:ex:Pump;1') AND temperature > 25\".")
  String where;
  @Option(names = "--cursor", paramLabel = "<n>",
      description = "Start after this event id (printed as each event's \"id\"): replays what was missed.")
  Long cursor;
  @Option(names = "--max-events", paramLabel = "<n>", description = "Exit after this many events (default: never).")
  Long maxEvents;
  /** The id of the last event printed: what to resume from when the stream breaks. */
  private String lastId;

  @Override
  public void run() {
    if (maxEvents != null && maxEvents < 1) {
      throw new CliFailure(CliFailure.BAD_INPUT, "--max-events must be at least 1, got " + maxEvents);
    }
    URI uri = URI.create(client.url.replaceAll("/+$", "") + "/events" + query());
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
    client.authorize(request);
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (client.cacert != null) {
      http.sslContext(TrustedCertificates.sslContext(client.cacert));
    }
    HttpResponse<InputStream> response;
    try {
      response = http.build().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new CliFailure(CliFailure.SERVER_PROBLEM, "cannot reach " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(CliFailure.SERVER_PROBLEM, "interrupted while connecting to " + uri, e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw refused(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
      }
      follow(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)), out());
    } catch (IOException e) {
      throw new CliFailure(CliFailure.SERVER_PROBLEM, "the stream from " + uri + " broke: " + e
          + (lastId == null ? "" : "; resume with --cursor " + lastId), e);
    }
  }

  /** Prints each event's data line; an {@code event: error} ends the watch with the server's reason. */
  private void follow(BufferedReader lines, PrintWriter out) throws IOException {
    long printed = 0;
    String event = null;
    String id = null;
    String data = null;
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("data: ")) {
        data = line.substring(6);
      } else if (line.isEmpty() && data != null) {
        if ("error".equals(event)) {
          JsonNode reason = ApiClient.MAPPER.readTree(data);
          throw new CliFailure(CliFailure.SERVER_PROBLEM, "the server ended the stream: "
              + reason.path("code").asText() + ": " + reason.path("message").asText()
              + (lastId == null ? "" : "; resume with --cursor " + lastId));
        }
        out.println(data);
        out.flush();
        lastId = id;
        if (maxEvents != null && ++printed >= maxEvents) {
          return;
        }
        event = null;
        id = null;
        data = null;
      }
    }
    throw new IOException("the server closed the stream");
  }

  private String query() {
    List<String> params = new ArrayList<>();
    twins.forEach(v -> params.add("twin=" + encode(v)));
    models.forEach(v -> params.add("model=" + encode(v)));
    relationships.forEach(v -> params.add("relationship=" + encode(v)));
    types.forEach(v -> params.add("type=" + encode(v)));
    if (where != null) {
      params.add("where=" + encode(where));
    }
    if (cursor != null) {
      params.add("cursor=" + cursor);
    }
    return params.isEmpty() ? "" : "?" + String.join("&", params);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static CliFailure refused(int status, String body) {
    String message = body.strip().replace('\n', ' ');
    try {
      JsonNode error = ApiClient.MAPPER.readTree(body).path("error");
      if (error.isObject()) {
        message = error.path("code").asText() + ": " + error.path("message").asText();
      }
    } catch (IOException e) {
      // not JSON: show the body as it came
    }
    return new CliFailure(status >= 500 ? CliFailure.SERVER_PROBLEM : CliFailure.REQUEST_REJECTED,
        "error " + status + " " + message);
  }
}
