package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.doppel.twin.Precondition;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code doppel routes ...} against a real server delivering to a real webhook. */
class RoutesCommandTest {
  private static final String MODEL = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Pump;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"rpm","schema":"double","writable":true}]}""";

  @RegisterExtension final CliServer server = CliServer.open();
  private HttpServer hook;
  private final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server.get().engine().addModels(List.of(MODEL));
    server.get().engine().putTwin("p1", ApiClient.MAPPER.createObjectNode().set("$metadata",
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
    hook.stop(0);
  }

  private void rpm(double value) {
    server.get().engine().patchTwin("p1", (com.fasterxml.jackson.databind.node.ArrayNode) ApiClient.MAPPER
        .createArrayNode().add(ApiClient.MAPPER.createObjectNode().put("op", "add").put("path", "/rpm")
            .put("value", value)), Precondition.none());
  }

  @Test
  void addListShowPauseResumeAndDeleteARoute() throws Exception {
    String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
    CliRun added = server.run("routes", "add", "pumps", "--webhook", url, "--secret", "s3",
        "--model", "dtmi:cli:Pump;1",
        "--type", "io.doppel.twin.patched", "--backoff-base", "PT0.01S");
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out()).contains("route pumps webhook healthy");
    rpm(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);
    await().atMost(Duration.ofSeconds(20)).until(() ->
        server.get().eventRoutes().get("pumps").status().delivered() == 1); // recorded just after the webhook answered
    assertThat(received.get(0)).startsWith("Bearer s3 {").contains("\"subject\":\"p1\"");

    CliRun paused = server.run("routes", "pause", "pumps");
    assertThat(paused.out()).contains("route pumps paused");
    rpm(2);
    CliRun list = server.run("routes", "list");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("ID").containsPattern("pumps\\s+webhook\\s+paused\\s+1\\s+1\\s+0");
    JsonNode shown = ApiClient.MAPPER.readTree(server.run("routes", "show", "pumps").out());
    assertThat(shown.path("endpoint").path("secret").asText()).isEqualTo("***");
    assertThat(shown.path("filter").path("model").get(0).asText()).isEqualTo("dtmi:cli:Pump;1");
    assertThat(server.run("routes", "resume", "pumps").out()).contains("route pumps resumed");
    await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2);
    assertThat(server.run("routes", "letters", "pumps").out().strip()).isEqualTo("[ ]");

    assertThat(server.run("routes", "delete", "pumps").out()).contains("deleted route pumps");
    CliRun missing = server.run("routes", "show", "pumps");
    assertThat(missing.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(missing.err()).contains("EVENT_ROUTE_NOT_FOUND");
  }

  @Test
  void badRoutesAreRefusedWithTheReason() {
    CliRun noTopic = server.run("routes", "add", "k", "--kafka", "localhost:9092");
    assertThat(noTopic.exit()).isEqualTo(2);
    assertThat(noTopic.err()).contains("--topic is required");
    CliRun badUrl = server.run("routes", "add", "w", "--webhook", "ftp://x/y");
    assertThat(badUrl.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(badUrl.err()).contains("endpoint.url");
    CliRun badWhere = server.run("routes", "add", "w", "--webhook", "http://x/y", "--where", "rpm >");
    assertThat(badWhere.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(badWhere.err()).contains("filter.where").contains("line 1, column 6");
    CliRun twoTargets = server.run("routes", "add", "w", "--webhook", "http://x/y", "--kafka", "h:1");
    assertThat(twoTargets.exit()).isEqualTo(2);
  }
}
