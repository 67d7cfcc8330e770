package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.auth.AuthConfig;
import io.doppel.server.backup.BackupManifest;
import io.doppel.server.backup.OfflineBackup;
import io.doppel.server.backup.Restore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups hold every tenant: two tenants with the same twin ids but different data (twins, telemetry, a warning
 * definition, a rule, a policy and a tenant key), backed up online and offline, the data directory wiped, restored:
 * each tenant has its own data again, its key works, and its warnings store came back too.
 */
class TenantBackupTest {
  private static final String ADMIN_KEY = "admin-key-for-backup-tests-0123";
  private static final String FROM = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
      .toString();
  private static final String[] TENANTS = {"acme", "globex"};

  private static ServerConfig config(Path data) {
    return ServerConfig.ephemeral().withDataDir(data).withAuth(AuthConfig.required(ADMIN_KEY));
  }

  private static Http platform(DoppelServer server) {
    return new Http(server.baseUri()).withHeader("Authorization", "Bearer " + ADMIN_KEY);
  }

  /** Each tenant's data differs by its index: the meter's limit and the number of telemetry points. */
  private static void seed(Http tenantAdmin, int index) {
    HistoryApiTest.meter(tenantAdmin, "m1");
    assertThat(tenantAdmin.patch("/digitaltwins/m1", "[{\"op\":\"replace\",\"path\":\"/limit\",\"value\":"
        + (100 + index) + "}]").status()).isEqualTo(204);
    for (int i = 0; i <= index; i++) {
      Http.Response sent = tenantAdmin.post("/digitaltwins/m1/telemetry", "{\"power\":" + (10 + i) + "}",
          "Telemetry-Source-Time", Instant.parse(FROM).plusSeconds(i).toString());
      assertThat(sent.status()).as(sent.text()).isEqualTo(204);
    }
    Http.Response warning = tenantAdmin.put("/warnings/hot-" + index, "{\"twin\":\"m*\",\"series\":\"power\",\"above\":50,"
        + "\"within\":\"PT1H\"}");
    assertThat(warning.status()).as(warning.text()).isEqualTo(200);
    assertThat(tenantAdmin.put("/auth/policies/readers-" + index, "{\"roles\":[\"reader\"],\"actions\":[\"read\"]}")
        .status()).isEqualTo(200);
  }

  private static void assertHas(DoppelServer server, String tenantKey, int index) throws Exception {
    Http tenant = TenantsApiTest.as(new Http(server.baseUri()), tenantKey);
    JsonNode twin = tenant.get("/digitaltwins/m1").json();
    assertThat(twin.path("limit").asDouble()).isEqualTo(100 + index);
    JsonNode points = tenant.get("/digitaltwins/m1/history?name=power&from=" + FROM + "&to="
        + Instant.parse(FROM).plusSeconds(86_400)).json().path("points");
    assertThat(points).hasSize(index + 1);
    assertThat(tenant.get("/warnings/hot-" + index).status()).isEqualTo(200);
    assertThat(tenant.get("/auth/policies/readers-" + index).status()).isEqualTo(200);
    assertThat(tenant.get("/auth/policies/readers-" + (1 - index)).status()).isEqualTo(404);
  }

  private static void wipe(Path dir) throws Exception {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void onlineAndOfflineBackupsHoldEveryTenantAndRestoreThem(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    Path online = tmp.resolve("online");
    List<String> keys = new ArrayList<>();
    try (DoppelServer server = DoppelServer.start(config(data))) {
      Http platform = platform(server);
      seed(platform, 0); // the default tenant has its own data too
      for (int i = 0; i < TENANTS.length; i++) {
        keys.add(TenantsApiTest.tenantAdmin(platform, TENANTS[i]));
        seed(TenantsApiTest.as(new Http(server.baseUri()), keys.get(i)), i);
      }
      Http.Response taken = platform.post("/admin/backup", "{\"target\":\"" + online + "\"}");
      assertThat(taken.status()).as(taken.text()).isEqualTo(201);
      List<String> stores = new ArrayList<>();
      taken.json().path("stores").forEach(s -> stores.add(s.path("tenant").asText("") + "/" + s.path("name").asText()));
      for (String tenant : new String[] {"", "acme", "globex"}) {
        for (String store : new String[] {"history", "routes", "rules", "warnings", "ingest", "twins"}) {
          assertThat(stores).contains(tenant + "/" + store);
        }
      }
      assertThat(stores).contains("/auth").doesNotContain("acme/auth", "globex/auth");
      // within a tenant, its derived stores come before its twins
      assertThat(stores.indexOf("acme/history")).isLessThan(stores.indexOf("acme/twins"));
    }
    Path offline = tmp.resolve("offline");
    BackupManifest cold = OfflineBackup.run(data, offline, "test", Clock.systemUTC());
    assertThat(cold.tenants()).containsExactly("acme", "globex");

    for (Path backup : new Path[] {online, offline}) {
      wipe(data);
      Restore.Report report = Restore.run(backup, data, false);
      assertThat(report.manifest().tenants()).containsExactly("acme", "globex");
      assertThat(Files.isDirectory(data.resolve("tenants/acme/warnings"))).isTrue();
      try (DoppelServer server = DoppelServer.start(config(data))) {
        for (int i = 0; i < TENANTS.length; i++) {
          assertHas(server, keys.get(i), i);
        }
        Http platform = platform(server);
        assertThat(platform.get("/digitaltwins/m1").json().path("limit").asDouble()).isEqualTo(100);
        assertThat(platform.get("/tenants").json().toString()).contains("acme", "globex");
        JsonNode audit = platform.get("/audit/verify").json();
        assertThat(audit.path("intact").asBoolean()).as(audit.toString()).isTrue();
      }
    }
  }
}
