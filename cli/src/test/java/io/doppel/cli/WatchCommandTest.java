package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.twin.Precondition;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code doppel watch} against a real server's change stream. */
class WatchCommandTest {
  private static final String MODEL = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Pump;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"rpm","schema":"double","writable":true}]}""";

  @RegisterExtension final CliServer server = CliServer.open();

  @BeforeEach
  void start() {
    server.get().engine().addModels(List.of(MODEL));
    for (String id : List.of("p1", "p2")) {
      server.get().engine().putTwin(id, ApiClient.MAPPER.createObjectNode().set("$metadata",
          ApiClient.MAPPER.createObjectNode().put("$model", "dtmi:cli:Pump;1")), Precondition.none());
    }
  }

  private void rpm(String twin, double value) {
    server.get().engine().patchTwin(twin, (com.fasterxml.jackson.databind.node.ArrayNode) ApiClient.MAPPER
        .createArrayNode().add(ApiClient.MAPPER.createObjectNode().put("op", "add").put("path", "/rpm")
            .put("value", value)), Precondition.none());
  }

  @Test
  void watchPrintsOneCloudEventPerLineForTheChosenTwinFromACursor() throws Exception {
    long cursor = server.get().engine().version();
    rpm("p2", 1);
    rpm("p1", 2);
    CompletableFuture<CliRun> watch = CompletableFuture.supplyAsync(
        () -> server.run("watch", "--twin", "p1", "--type", "io.doppel.twin.patched", "--cursor", Long.toString(cursor),
            "--max-events", "2"));
    rpm("p1", 3);
    CliRun done = watch.get(30, TimeUnit.SECONDS);
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
    CliRun bad = server.run("watch", "--model", "Pump");
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("400").contains("INVALID_ARGUMENT").contains("model");
  }

  @Test
  void watchWhereKeepsOnlyTwinsThatPassTheConditionAfterTheChange() throws Exception {
    long cursor = server.get().engine().version();
    rpm("p1", 100);
    rpm("p2", 2000);
    rpm("p1", 1500);
    CliRun done = server.run("watch", "--where", "IS_OF_MODEL('dtmi:cli:Pump;1') AND rpm > 1000", "--cursor",
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
    CliRun bad = server.run("watch", "--where", "rpm >");
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("400").contains("where: line 1, column 6");
  }
}
