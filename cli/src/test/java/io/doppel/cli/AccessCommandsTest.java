package io.doppel.cli;

import static io.doppel.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code doppel keys|policies|audit} and {@code --api-key} against a real server that requires authentication. */
class AccessCommandsTest {
  @RegisterExtension final CliServer server = CliServer.secured();

  @Test
  void anAdminManagesKeysAndPoliciesAndReadsTheAudit() throws Exception {
    CliRun refused = server.run("models", "list");
    assertThat(refused.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(refused.err()).contains("401");

    CliRun created = server.admin("keys", "create", "dashboards", "--role", "reader");
    assertThat(created.exit()).as(created.err()).isZero();
    String key = created.json().path("key").asText();
    String id = created.json().path("id").asText();
    assertThat(key).startsWith("dpk_" + id + "_");
    assertThat(server.admin("keys", "list").out()).contains(id).doesNotContain(key);

    assertThat(server.run("models", "list", "--api-key", key).exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    CliRun put = server.admin("policies", "put", "readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\"]}");
    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(server.admin("policies", "list").out()).contains("readers");
    assertThat(server.admin("policies", "get", "readers").json().path("actions")
        .toString()).contains("read");
    assertThat(server.run("models", "list", "--api-key", key).exit()).isZero();
    assertThat(server.run("keys", "list", "--api-key", key).exit()).isEqualTo(CliFailure.REQUEST_REJECTED);

    assertThat(server.admin("keys", "revoke", id).out()).contains("revokedAt");
    assertThat(server.run("models", "list", "--api-key", key).err()).contains("401");
    assertThat(server.admin("policies", "delete", "readers").exit()).isZero();

    CliRun audit = server.admin("audit", "--principal", "key:" + id);
    assertThat(audit.exit()).as(audit.err()).isZero();
    assertThat(audit.out()).contains("denied").contains("/auth/keys");
    CliRun verify = server.admin("audit", "--verify");
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.json().path("intact").asBoolean()).isTrue();
  }

  @Test
  void anOpenDemoRefusesToListenBeyondLocalhost() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("DOPPEL_ADMIN_KEY") == null
        && System.getenv("DOPPEL_TOKEN") == null);
    CliRun refused = run("serve", "--demo", "--in-memory", "--host", "0.0.0.0", "--port", "0");
    assertThat(refused.exit()).isEqualTo(CliFailure.BAD_INPUT);
    assertThat(refused.err()).contains("localhost only").contains("DOPPEL_ADMIN_KEY");
  }
}
