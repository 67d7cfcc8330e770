package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel rules} and {@code doppel alerts} against a real server. */
class RulesCommandsTest {
  private static final String ROOM = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Room;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"temperature","schema":"double","writable":true}]}
      """;
  private static final String HOT = """
      {"kind":"alert","model":"dtmi:cli:Room;1","condition":"temperature > 30","clear":"temperature < 28"}""";

  @RegisterExtension final CliServer server = CliServer.open();
  private Path dir;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    Files.writeString(dir.resolve("room.json"), ROOM);
    assertThat(server.run("models", "add", dir.resolve("room.json").toString()).exit()).isZero();
    CliRun twin = server.run("twins", "put", "r1",
        "{\"$metadata\":{\"$model\":\"dtmi:cli:Room;1\"},\"temperature\":35}");
    assertThat(twin.exit()).as(twin.err()).isZero();
  }

  @Test
  void addsListsShowsAndDeletesRulesAndListsAlerts() throws Exception {
    Files.writeString(dir.resolve("hot.json"), HOT);
    CliRun added = server.run("rules", "add", "hot", dir.resolve("hot.json").toString(), "--compact");
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.json().path("condition").asText()).isEqualTo("temperature > 30");
    await().untilAsserted(() -> {
      CliRun alerts = server.run("alerts", "--state", "active", "--compact");
      assertThat(alerts.exit()).as(alerts.err()).isZero();
      assertThat(alerts.json()).hasSize(1);
      assertThat(alerts.json().get(0).path("twin").asText()).isEqualTo("r1");
    });
    CliRun list = server.run("rules", "list", "--compact");
    assertThat(list.json()).hasSize(1);
    assertThat(list.json().get(0).path("stats").path("raised").asLong()).isEqualTo(1);
    CliRun show = server.run("rules", "show", "hot", "--compact");
    assertThat(show.json().path("clear").asText()).isEqualTo("temperature < 28");
    assertThat(server.run("alerts", "--rule", "other", "--compact").json()).isEmpty();
    CliRun deleted = server.run("rules", "delete", "hot");
    assertThat(deleted.exit()).as(deleted.err()).isZero();
    assertThat(server.run("rules", "show", "hot").exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
  }

  @Test
  void reportsARefusedRuleWithItsFieldAndPosition() {
    CliRun bad = server.run("rules", "add", "hot", HOT.replace("temperature > 30", "temperature >"));
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("RULE_INVALID").contains("condition at 1:14");
  }

}
