package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doppel models personal} and a reader's {@code doppel query --format csv} against a real server that
 * requires authentication; and {@code doppel serve --pseudonym-key} refusing a short key.
 */
class PrivacyCommandsTest {
  private static final String ADMIN_KEY = "cli-admin-key-0123456789abcdef";
  private static final String MODEL = """
      {"@context": ["dtmi:dtdl:context;3", "dtmi:io:doppel:privacy;1"], "@id": "dtmi:cli:Pump;1",
       "@type": "Interface", "contents": [
        {"@type": "Property", "name": "status", "schema": "string"},
        {"@type": ["Property", "Personal"], "name": "ownerPhone", "schema": "string"},
        {"@type": ["Property", "PersonalDrop"], "name": "ownerName", "schema": "string"}]}""";
  private DoppelServer server;
  private String url;

  record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return ApiClient.MAPPER.readTree(out);
    }
  }

  @BeforeEach
  void start() {
    server = DoppelServer.start(ServerConfig.ephemeralSecured(ADMIN_KEY));
    url = server.baseUri().toString();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Run admin(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 4);
    System.arraycopy(new String[] {"--url", url, "--api-key", ADMIN_KEY}, 0, all, args.length, 4);
    return run(all);
  }

  @Test
  void listsPersonalPropertiesAndExportsPseudonymsToAReader(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("pump.json");
    Files.writeString(model, MODEL);
    assertThat(admin("models", "add", model.toString()).exit()).isZero();
    Run personal = admin("models", "personal", "dtmi:cli:Pump;1");
    assertThat(personal.exit()).as(personal.err()).isZero();
    assertThat(personal.json().path("value").toString())
        .contains("\"path\":\"ownerPhone\"", "\"treatment\":\"pseudonymise\"", "\"treatment\":\"drop\"");

    assertThat(admin("twins", "put", "pump-1", "{\"$metadata\":{\"$model\":\"dtmi:cli:Pump;1\"},\"status\":\"ok\","
        + "\"ownerPhone\":\"+44 555 0100\",\"ownerName\":\"Alice\"}").exit()).isZero();
    assertThat(admin("policies", "put", "readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\",\"query\"]}")
        .exit()).isZero();
    String reader = admin("keys", "create", "analyst", "--role", "reader").json().path("key").asText();
    Run csv = run("query", "SELECT T.ownerPhone, T.ownerName, T.status FROM DIGITALTWINS T", "--format", "csv",
        "--url", url, "--api-key", reader);
    assertThat(csv.exit()).as(csv.err()).isZero();
    assertThat(csv.out()).contains("pn_").contains("ok").doesNotContain("555", "Alice");
    assertThat(admin("query", "SELECT T.ownerPhone FROM DIGITALTWINS T", "--format", "csv").out())
        .contains("+44 555 0100");
  }

  @Test
  void serveRefusesAShortPseudonymKey() {
    Run refused = run("serve", "--in-memory", "--port", "0", "--pseudonym-key", "short");
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).contains("--pseudonym-key").contains("16");
  }
}
