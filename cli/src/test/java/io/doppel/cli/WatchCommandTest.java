package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import io.doppel.twin.Precondition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code doppel watch} against a real server's change stream. */
class WatchCommandTest {
  private static final String MODEL = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Pump;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"rpm","schema":"double","writable":true}]}""";

  private DoppelServer server;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() {
    server = DoppelServer.start(ServerConfig.ephemeral());
    server.engine().addModels(List.of(MODEL));
    for (String id : List.of("p1", "p2")) {
      server.engine().putTwin(id, ApiClient.MAPPER.createObjectNode().set("$metadata",
          ApiClient.MAPPER.createObjectNode().put("$model", "dtmi:cli:Pump;1")), Precondition.none());
    }
  }

  @AfterEach
  void stop() {
    server.close();
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

  private void rpm(String twin, double value) {
    server.engine().patchTwin(twin, (com.fasterxml.jackson.databind.node.ArrayNode) ApiClient.MAPPER.createArrayNode()
        .add(ApiClient.MAPPER.createObjectNode().put("op", "add").put("path", "/rpm").put("value", value)),
        Precondition.none());
  }

  @Test
  void watchPrintsOneCloudEventPerLineForTheChosenTwinFromACursor() throws Exception {
    long cursor = server.engine().version();
    rpm("p2", 1);
    rpm("p1", 2);
    CompletableFuture<Run> watch = CompletableFuture.supplyAsync(
        () -> run("watch", "--twin", "p1", "--type", "io.doppel.twin.patched", "--cursor", Long.toString(cursor),
            "--max-events", "2"));
    rpm("p1", 3);
    Run done = watch.get(30, TimeUnit.SECONDS);
    assertThat(done.exit()).as(done.err()).isZero();
    List<String> lines = done.out().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode first = ApiClient.MAPPER.readTree(lines.get(0));
    assertThat(first.path("specversion").asText()).isEqualTo("1.0");
    assertThat(first.path("subject").asText()).isEqualTo("p1");
    assertThat(first.path("data").path("patch").get(0).path("value").asDouble()).isEqualTo(2);
    assertThat(ApiClient.MAPPER.readTree(lines.get(1)).path("data").path("patch").get(0).path("value").asDouble())
        .isEqualTo(3);
  }

  @Test
  void watchWithABadModelExitsWithTheServersCodeAndParameter() {
    Run bad = run("watch", "--model", "Pump");
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("400").contains("INVALID_ARGUMENT").contains("model");
  }

  @Test
  void watchWhereKeepsOnlyTwinsThatPassTheConditionAfterTheChange() throws Exception {
    long cursor = server.engine().version();
    rpm("p1", 100);
    rpm("p2", 2000);
    rpm("p1", 1500);
    Run done = run("watch", "--where", "IS_OF_MODEL('dtmi:cli:Pump;1') AND rpm > 1000", "--cursor",
        Long.toString(cursor), "--max-events", "2");
    assertThat(done.exit()).as(done.err()).isZero();
    List<String> subjects = done.out().lines()
        .map(line -> {
          try {
            JsonNode e = ApiClient.MAPPER.readTree(line);
            return e.path("subject").asText() + "=" + e.path("data").path("patch").get(0).path("value").asInt();
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        }).toList();
    assertThat(subjects).containsExactly("p2=2000", "p1=1500");
  }

  @Test
  void watchWithABadConditionExitsWithItsPosition() {
    Run bad = run("watch", "--where", "rpm >");
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("400").contains("where: line 1, column 6");
  }
}
