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

/** {@code doppel keys|policies|audit} and {@code --api-key} against a real server that requires authentication. */
class AccessCommandsTest {
  private static final String ADMIN_KEY = "cli-admin-key-0123456789abcdef";
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
  void anAdminManagesKeysAndPoliciesAndReadsTheAudit() throws Exception {
    Run refused = run("models", "list", "--url", url);
    assertThat(refused.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    assertThat(refused.err()).contains("401");

    Run created = run("keys", "create", "dashboards", "--role", "reader", "--url", url, "--api-key", ADMIN_KEY);
    assertThat(created.exit()).as(created.err()).isZero();
    String key = created.json().path("key").asText();
    String id = created.json().path("id").asText();
    assertThat(key).startsWith("dpk_" + id + "_");
    assertThat(run("keys", "list", "--url", url, "--api-key", ADMIN_KEY).out()).contains(id).doesNotContain(key);

    assertThat(run("models", "list", "--url", url, "--api-key", key).exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
    Run put = run("policies", "put", "readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\"]}", "--url", url,
        "--api-key", ADMIN_KEY);
    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(run("policies", "list", "--url", url, "--api-key", ADMIN_KEY).out()).contains("readers");
    assertThat(run("policies", "get", "readers", "--url", url, "--api-key", ADMIN_KEY).json().path("actions")
        .toString()).contains("read");
    assertThat(run("models", "list", "--url", url, "--api-key", key).exit()).isZero();
    assertThat(run("keys", "list", "--url", url, "--api-key", key).exit()).isEqualTo(CliFailure.REQUEST_REJECTED);

    assertThat(run("keys", "revoke", id, "--url", url, "--api-key", ADMIN_KEY).out()).contains("revokedAt");
    assertThat(run("models", "list", "--url", url, "--api-key", key).err()).contains("401");
    assertThat(run("policies", "delete", "readers", "--url", url, "--api-key", ADMIN_KEY).exit()).isZero();

    Run audit = run("audit", "--principal", "key:" + id, "--url", url, "--api-key", ADMIN_KEY);
    assertThat(audit.exit()).as(audit.err()).isZero();
    assertThat(audit.out()).contains("denied").contains("/auth/keys");
    Run verify = run("audit", "--verify", "--url", url, "--api-key", ADMIN_KEY);
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.json().path("intact").asBoolean()).isTrue();
  }

  @Test
  void anOpenDemoRefusesToListenBeyondLocalhost() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("DOPPEL_ADMIN_KEY") == null
        && System.getenv("DOPPEL_TOKEN") == null);
    Run refused = run("serve", "--demo", "--in-memory", "--host", "0.0.0.0", "--port", "0");
    assertThat(refused.exit()).isEqualTo(CliFailure.BAD_INPUT);
    assertThat(refused.err()).contains("localhost only").contains("DOPPEL_ADMIN_KEY");
  }
}
