package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import io.doppel.twin.Precondition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code doppel routes ...} against a real server delivering to a real webhook. */
class RoutesCommandTest {
  private static final String MODEL = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Pump;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"rpm","schema":"double","writable":true}]}""";

  private DoppelServer server;
  private HttpServer hook;
  private final List<String> received = new CopyOnWriteArrayList<>();

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    server = DoppelServer.start(ServerConfig.ephemeral());
    server.engine().addModels(List.of(MODEL));
    server.engine().putTwin("p1", ApiClient.MAPPER.createObjectNode().set("$metadata",
        ApiClient.MAPPER.createObjectNode().put("$model", "dtmi:cli:Pump;1")), Precondition.none());
    hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    hook.createContext("/hook", exchange -> {
      received.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
          + new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    hook.start();
  }

  @AfterEach
  void stop() {
    server.close();
    hook.stop(0);
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] withUrl = java.util.Arrays.copyOf(args, args.length + 2);
    withUrl[args.length] = "--url";
    withUrl[args.length + 1] = server.baseUri().toString();
    int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(withUrl);
    return new Run(exit, out.toString(), err.toString());
  }

  private void rpm(double value) {
    server.engine().patchTwin("p1", (com.fasterxml.jackson.databind.node.ArrayNode) ApiClient.MAPPER
        .createArrayNode().add(ApiClient.MAPPER.createObjectNode().put("op", "add").put("path", "/rpm")
            .put("value", value)), Precondition.none());
  }

  @Test
  void addListShowPauseResumeAndDeleteARoute() throws Exception {
    String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
    Run added = run("routes", "add", "pumps", "--webhook", url, "--secret", "s3", "--model", "dtmi:cli:Pump;1",
        "--type", "io.doppel.twin.patched", "--backoff-base", "PT0.01S");
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out()).contains("route pumps webhook healthy");
    rpm(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);
    await().atMost(Duration.ofSeconds(20)).until(() ->
        server.eventRoutes().get("pumps").status().delivered() == 1); // recorded just after the webhook answered
    assertThat(received.get(0)).startsWith("Bearer s3 {").contains("\"subject\":\"p1\"");

    Run paused = run("routes", "pause", "pumps");
    assertThat(paused.out()).contains("route pumps paused");
    rpm(2);
    Run list = run("routes", "list");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("ID").containsPattern("pumps\\s+webhook\\s+paused\\s+1\\s+1\\s+0");
    JsonNode shown = ApiClient.MAPPER.readTree(run("routes", "show", "pumps").out());
    assertThat(shown.path("endpoint").path("secret").asText()).isEqualTo("***");
    assertThat(shown.path("filter").path("model").get(0).asText()).isEqualTo("dtmi:cli:Pump;1");
    assertThat(run("routes", "resume", "pumps").out()).contains("route pumps resumed");
    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2);
    assertThat(run("routes", "letters", "pumps").out().strip()).isEqualTo("[ ]");

    assertThat(run("routes", "delete", "pumps").out()).contains("deleted route pumps");
    Run missing = run("routes", "show", "pumps");
    assertThat(missing.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(missing.err()).contains("EVENT_ROUTE_NOT_FOUND");
  }

  @Test
  void badRoutesAreRefusedWithTheReason() {
    Run noTopic = run("routes", "add", "k", "--kafka", "localhost:9092");
    assertThat(noTopic.exit()).isEqualTo(2);
    assertThat(noTopic.err()).contains("--topic is required");
    Run badUrl = run("routes", "add", "w", "--webhook", "ftp://x/y");
    assertThat(badUrl.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(badUrl.err()).contains("endpoint.url");
    Run badWhere = run("routes", "add", "w", "--webhook", "http://x/y", "--where", "rpm >");
    assertThat(badWhere.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(badWhere.err()).contains("filter.where").contains("line 1, column 6");
    Run twoTargets = run("routes", "add", "w", "--webhook", "http://x/y", "--kafka", "h:1");
    assertThat(twoTargets.exit()).isEqualTo(2);
  }
}
