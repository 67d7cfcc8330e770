package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code doppel tenants list|create|delete} and {@code --tenant} against a real server requiring authentication. */
class TenantsCommandTest {
  private static final String ADMIN_KEY = "cli-admin-key-0123456789abcdef";
  private static final String MODEL = "{\"@context\":\"dtmi:dtdl:context;3\",\"@id\":\"dtmi:test:Pump;1\","
      + "\"@type\":\"Interface\",\"contents\":[]}";
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

  @Test
  void aPlatformAdminCreatesATenantAndWorksInItWithTenant(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path model = java.nio.file.Files.writeString(dir.resolve("pump.json"), MODEL);
    Run created = run("tenants", "create", "acme", "--url", url, "--api-key", ADMIN_KEY);
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.json().path("name").asText()).isEqualTo("acme");
    Run key = run("keys", "create", "ops", "--role", "admin", "--tenant", "acme", "--url", url,
        "--api-key", ADMIN_KEY);
    assertThat(key.exit()).as(key.err()).isZero();
    assertThat(key.json().path("tenant").asText()).isEqualTo("acme");
    String acmeKey = key.json().path("key").asText();

    Run added = run("models", "add", model.toString(), "--url", url, "--api-key", acmeKey);
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(run("models", "list", "--url", url, "--api-key", acmeKey).out()).contains("dtmi:test:Pump;1");
    assertThat(run("models", "list", "--url", url, "--api-key", ADMIN_KEY).out()).doesNotContain("Pump");
    assertThat(run("models", "list", "--tenant", "acme", "--url", url, "--api-key", ADMIN_KEY).out())
        .contains("dtmi:test:Pump;1");

    Run forbidden = run("tenants", "list", "--url", url, "--api-key", acmeKey);
    assertThat(forbidden.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(forbidden.err()).contains("TENANT_FORBIDDEN");
    Run listed = run("tenants", "list", "--url", url, "--api-key", ADMIN_KEY);
    assertThat(listed.json().toString()).contains("\"default\"").contains("\"acme\"");

    Run deleted = run("tenants", "delete", "acme", "--url", url, "--api-key", ADMIN_KEY);
    assertThat(deleted.exit()).as(deleted.err()).isZero();
    assertThat(run("models", "list", "--url", url, "--api-key", acmeKey).err()).contains("401");
    Run bad = run("tenants", "create", "Not_Valid", "--url", url, "--api-key", ADMIN_KEY);
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("INVALID_ARGUMENT");
  }
}
