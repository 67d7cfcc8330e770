package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code doppel tenants list|create|delete} and {@code --tenant} against a real server requiring authentication. */
class TenantsCommandTest {
  private static final String MODEL = "{\"@context\":\"dtmi:dtdl:context;3\",\"@id\":\"dtmi:test:Pump;1\","
      + "\"@type\":\"Interface\",\"contents\":[]}";

  @RegisterExtension final CliServer server = CliServer.secured();

  @Test
  void aPlatformAdminCreatesATenantAndWorksInItWithTenant(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path model = java.nio.file.Files.writeString(dir.resolve("pump.json"), MODEL);
    CliRun created = server.admin("tenants", "create", "acme");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.json().path("name").asText()).isEqualTo("acme");
    CliRun key = server.admin("keys", "create", "ops", "--role", "admin", "--tenant", "acme");
    assertThat(key.exit()).as(key.err()).isZero();
    assertThat(key.json().path("tenant").asText()).isEqualTo("acme");
    String acmeKey = key.json().path("key").asText();

    CliRun added = server.run("models", "add", model.toString(), "--api-key", acmeKey);
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(server.run("models", "list", "--api-key", acmeKey).out()).contains("dtmi:test:Pump;1");
    assertThat(server.admin("models", "list").out()).doesNotContain("Pump");
    assertThat(server.admin("models", "list", "--tenant", "acme").out())
        .contains("dtmi:test:Pump;1");

    CliRun forbidden = server.run("tenants", "list", "--api-key", acmeKey);
    assertThat(forbidden.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(forbidden.err()).contains("TENANT_FORBIDDEN");
    CliRun listed = server.admin("tenants", "list");
    assertThat(listed.json().toString()).contains("\"default\"").contains("\"acme\"");

    CliRun deleted = server.admin("tenants", "delete", "acme");
    assertThat(deleted.exit()).as(deleted.err()).isZero();
    assertThat(server.run("models", "list", "--api-key", acmeKey).err()).contains("401");
    CliRun bad = server.admin("tenants", "create", "Not_Valid");
    assertThat(bad.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(bad.err()).contains("INVALID_ARGUMENT");
  }
}
