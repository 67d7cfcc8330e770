package io.doppel.cli;

import static io.doppel.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doppel models personal} and a reader's {@code doppel query --format csv} against a real server that
 * requires authentication; and {@code doppel serve --pseudonym-key} refusing a short key.
 */
class PrivacyCommandsTest {
  private static final String MODEL = """
      {"@context": ["dtmi:dtdl:context;3", "dtmi:io:doppel:privacy;1"], "@id": "dtmi:cli:Pump;1",
       "@type": "Interface", "contents": [
        {"@type": "Property", "name": "status", "schema": "string"},
        {"@type": ["Property", "Personal"], "name": "ownerPhone", "schema": "string"},
        {"@type": ["Property", "PersonalDrop"], "name": "ownerName", "schema": "string"}]}""";

  @RegisterExtension final CliServer server = CliServer.secured();

  @Test
  void listsPersonalPropertiesAndExportsPseudonymsToAReader(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("pump.json");
    Files.writeString(model, MODEL);
    assertThat(server.admin("models", "add", model.toString()).exit()).isZero();
    CliRun personal = server.admin("models", "personal", "dtmi:cli:Pump;1");
    assertThat(personal.exit()).as(personal.err()).isZero();
    assertThat(personal.json().path("value").toString())
        .contains("\"path\":\"ownerPhone\"", "\"treatment\":\"pseudonymise\"", "\"treatment\":\"drop\"");

    assertThat(server.admin("twins", "put", "pump-1",
        "{\"$metadata\":{\"$model\":\"dtmi:cli:Pump;1\"},\"status\":\"ok\","
        + "\"ownerPhone\":\"+44 555 0100\",\"ownerName\":\"Alice\"}").exit()).isZero();
    assertThat(server.admin("policies", "put", "readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\",\"query\"]}")
        .exit()).isZero();
    String reader = server.admin("keys", "create", "analyst", "--role", "reader").json().path("key").asText();
    CliRun csv = server.run("query", "SELECT T.ownerPhone, T.ownerName, T.status FROM DIGITALTWINS T",
        "--format", "csv", "--api-key", reader);
    assertThat(csv.exit()).as(csv.err()).isZero();
    assertThat(csv.out()).contains("pn_").contains("ok").doesNotContain("555", "Alice");
    assertThat(server.admin("query", "SELECT T.ownerPhone FROM DIGITALTWINS T", "--format", "csv").out())
        .contains("+44 555 0100");
  }

  @Test
  void serveRefusesAShortPseudonymKey() {
    CliRun refused = run("serve", "--in-memory", "--port", "0", "--pseudonym-key", "short");
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).contains("--pseudonym-key").contains("16");
  }
}
