package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.auth.AuthConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tenants holding the same model and twin ids on one server with RocksDB on disk: each sees only its own data
 * in every read path (twins, queries with COUNT, JOIN and exports, history, the change stream over SSE and
 * WebSocket, connectors, policies, scenarios, keys, audit), no key reaches another tenant, and only the platform
 * admin addresses another tenant.
 */
class TenantsApiTest {
  static final String ADMIN_KEY = "admin-key-for-tests-0123456789";

  @TempDir
  Path data;

  /** Creates a tenant and answers an admin key of it. */
  static String tenantAdmin(Http platform, String tenant) {
    Http.Response created = platform.put("/tenants/" + tenant, "");
    assertThat(created.status()).as(created.text()).isIn(200, 201);
    return key(platform, tenant, "admin");
  }

  static String key(Http admin, String tenant, String role) {
    Http.Response key = admin.post("/auth/keys", "{\"name\":\"" + tenant + "-" + role + "\",\"roles\":[\"" + role
        + "\"],\"tenant\":\"" + tenant + "\"}");
    assertThat(key.status()).as(key.text()).isEqualTo(201);
    assertThat(key.json().path("tenant").asText()).isEqualTo(tenant);
    return key.json().path("key").asText();
  }

  static Http as(Http http, String key) {
    return http.withHeader("Authorization", "Bearer " + key);
  }

  /** The same models and ids in each tenant; the room's temperature tells the tenants apart. */
  static void seed(Http tenant, double temperature) {
    Fixtures.uploadModels(tenant);
    assertThat(tenant.post("/models", HistoryApiTest.MODELS).status()).isEqualTo(201);
    Fixtures.createRoom(tenant, "r1", temperature);
    Fixtures.createDevice(tenant, "d1");
    Fixtures.contains(tenant, "r1", "c1", "d1");
    HistoryApiTest.meter(tenant, "m1");
  }

  private static ServerConfig secured(ServerConfig c, Path dir) {
    return c.withAuth(AuthConfig.required(ADMIN_KEY)).withDataDir(dir);
  }

  @Test
  void eachTenantSeesOnlyItsOwnData() throws Exception {
    TestServer.test(c -> secured(c, data), (server, http) -> {
      Http platform = as(http, ADMIN_KEY);
      String acmeKey = tenantAdmin(platform, "acme");
      String globexKey = tenantAdmin(platform, "globex");
      Http acme = as(http, acmeKey);
      Http globex = as(http, globexKey);
      seed(acme, 21);
      seed(globex, 35);
      Fixtures.createDevice(acme, "only-acme");

      try (SseClient acmeEvents = SseClient.connect(server.baseUri(), "/events?twin=r1", "Authorization",
          "Bearer " + acmeKey);
          SseClient globexEvents = SseClient.connect(server.baseUri(), "/events?twin=r1", "Authorization",
              "Bearer " + globexKey);
          WsClient globexSocket = WsClient.connect(server.baseUri(), "/events?twin=r1", "Authorization",
              "Bearer " + globexKey)) {
        assertThat(acmeEvents.status()).isEqualTo(200);
        assertThat(globexEvents.status()).isEqualTo(200);
        globexSocket.startReading();
        setTemperature(acme, "r1", 22);
        setTemperature(globex, "r1", 36);
        setTemperature(acme, "r1", 23);
        assertThat(temperatures(acmeEvents.take(2).stream().map(SseClient.Event::data).toList()))
            .containsExactly(22.0, 23.0);
        assertThat(temperatures(globexEvents.take(1).stream().map(SseClient.Event::data).toList()))
            .containsExactly(36.0);
        assertThat(temperatures(globexSocket.take(1))).containsExactly(36.0);
      }

      // twins by id and in listings
      assertThat(acme.get("/digitaltwins/r1").json().path("temperature").asDouble()).isEqualTo(23);
      assertThat(globex.get("/digitaltwins/r1").json().path("temperature").asDouble()).isEqualTo(36);
      assertThat(globex.get("/digitaltwins/only-acme").errorCode()).isEqualTo("TWIN_NOT_FOUND");
      assertThat(ids(acme.get("/digitaltwins").json())).containsExactlyInAnyOrder("r1", "d1", "m1", "only-acme");
      assertThat(ids(globex.get("/digitaltwins").json())).containsExactlyInAnyOrder("r1", "d1", "m1");
      assertThat(as(http, ADMIN_KEY).get("/digitaltwins").json().path("value").size()).isZero(); // default: empty

      // queries: COUNT, JOIN and the CSV export
      assertThat(count(acme)).isEqualTo(4);
      assertThat(count(globex)).isEqualTo(3);
      String join = "SELECT R.temperature, D.serial FROM DIGITALTWINS R JOIN D RELATED R.contains "
          + "WHERE R.$dtId = 'r1'";
      JsonNode joined = globex.post("/query", "{\"query\":\"" + join + "\"}").json().path("value");
      assertThat(joined.size()).as(joined.toString()).isEqualTo(1);
      assertThat(joined.get(0).path("temperature").asDouble()).isEqualTo(36);
      String csv = acme.get("/query?format=csv&query=" + Http.enc("SELECT T.$dtId FROM DIGITALTWINS T")).text();
      assertThat(csv).contains("only-acme");
      assertThat(globex.get("/query?format=csv&query=" + Http.enc("SELECT T.$dtId FROM DIGITALTWINS T")).text())
          .doesNotContain("only-acme").contains("r1");

      // history
      String now = Instant.now().toString();
      assertThat(acme.post("/digitaltwins/m1/telemetry", "{\"power\":1.5}").status()).isEqualTo(204);
      assertThat(globex.post("/digitaltwins/m1/telemetry", "{\"power\":9.5}").status()).isEqualTo(204);
      assertThat(powers(acme, now)).containsExactly(1.5);
      assertThat(powers(globex, now)).containsExactly(9.5);

      // connectors, policies, scenarios
      assertThat(acme.put("/connectors/plant", ConnectorApiTest.UNREACHABLE_KAFKA).status()).isIn(200, 201);
      assertThat(acme.get("/connectors").text()).contains("plant");
      assertThat(globex.get("/connectors").text()).doesNotContain("plant");
      assertThat(globex.get("/connectors/plant").status()).isEqualTo(404);
      assertThat(acme.put("/auth/policies/readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\"]}").status())
          .isEqualTo(200);
      assertThat(acme.get("/auth/policies").json().path("value").size()).isEqualTo(1);
      assertThat(globex.get("/auth/policies").json().path("value").size()).isZero();
      assertThat(platform.get("/auth/policies").json().path("value").size()).isZero();
      assertThat(acme.put("/scenarios/peak", """
          {"name":"peak","horizon":400,"warmup":40,"replications":2,"seed":2,"window":40,
           "changes":[{"type":"demand","factor":1.5}]}""").status()).isIn(200, 201);
      assertThat(acme.get("/scenarios/peak").status()).isEqualTo(200);
      assertThat(globex.get("/scenarios/peak").status()).isEqualTo(404);
      assertThat(globex.get("/scenarios").text()).doesNotContain("peak");

      // a reader of acme: its policies are acme's, and globex's twins are out of reach even by id
      Http acmeReader = as(http, key(acme, "acme", "reader"));
      assertThat(acmeReader.get("/digitaltwins/r1").json().path("temperature").asDouble()).isEqualTo(23);
      Http.Response across = acmeReader.get("/digitaltwins/r1", "Doppel-Tenant", "globex");
      assertThat(across.status()).isEqualTo(403);
      assertThat(across.errorCode()).isEqualTo("TENANT_FORBIDDEN");
      assertThat(acme.get("/digitaltwins/r1", "Doppel-Tenant", "globex").errorCode()).isEqualTo("TENANT_FORBIDDEN");
      assertThat(globex.get("/digitaltwins/only-acme").status()).isEqualTo(404);

      // a tenant's admin manages its own tenant only
      assertThat(acme.get("/tenants").errorCode()).isEqualTo("TENANT_FORBIDDEN");
      assertThat(acme.put("/tenants/evil", "").errorCode()).isEqualTo("TENANT_FORBIDDEN");
      assertThat(acme.get("/metrics").errorCode()).isEqualTo("TENANT_FORBIDDEN");
      assertThat(acme.post("/auth/keys", "{\"name\":\"x\",\"roles\":[\"admin\"],\"tenant\":\"globex\"}")
          .errorCode()).isEqualTo("TENANT_FORBIDDEN");
      List<String> acmeKeys = new ArrayList<>();
      acme.get("/auth/keys").json().path("value").forEach(k -> acmeKeys.add(k.path("tenant").asText()));
      assertThat(acmeKeys).isNotEmpty().containsOnly("acme");
      String globexKeyId = globex.get("/auth/keys").json().path("value").get(0).path("id").asText();
      assertThat(acme.get("/auth/keys/" + globexKeyId).errorCode()).isEqualTo("KEY_NOT_FOUND");
      assertThat(acme.delete("/auth/keys/" + globexKeyId).errorCode()).isEqualTo("KEY_NOT_FOUND");

      // the platform admin addresses a tenant by name; bad and unknown names are refused with their codes
      assertThat(platform.get("/digitaltwins/only-acme", "Doppel-Tenant", "acme").status()).isEqualTo(200);
      assertThat(platform.get("/digitaltwins/only-acme", "Doppel-Tenant", "globex").status()).isEqualTo(404);
      Http.Response bad = platform.get("/digitaltwins", "Doppel-Tenant", "Not_A_Name");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.targets()).contains("Doppel-Tenant");
      assertThat(platform.get("/digitaltwins", "Doppel-Tenant", "nope").errorCode()).isEqualTo("TENANT_NOT_FOUND");
      JsonNode listed = platform.get("/tenants").json().path("value");
      assertThat(listed.size()).isEqualTo(3);
      assertThat(listed.get(0).path("name").asText()).isEqualTo("default");
      assertThat(platform.get("/tenants/acme").json().path("twinCount").asLong()).isEqualTo(4);
      assertThat(platform.put("/tenants/Bad", "").targets()).contains("name");
      assertThat(platform.delete("/tenants/default").status()).isEqualTo(400);

      // audit: each entry names its tenant; a tenant's admin reads its own entries only; the chain holds
      JsonNode acmeAudit = acme.get("/audit?limit=1000").json().path("value");
      assertThat(acmeAudit.size()).isGreaterThan(5);
      acmeAudit.forEach(e -> assertThat(e.path("tenant").asText()).isEqualTo("acme"));
      JsonNode globexOnly = platform.get("/audit?limit=1000&tenant=globex").json().path("value");
      assertThat(globexOnly.size()).isGreaterThan(5);
      globexOnly.forEach(e -> assertThat(e.path("tenant").asText()).isEqualTo("globex"));
      assertThat(acme.get("/audit/verify").errorCode()).isEqualTo("TENANT_FORBIDDEN");
      assertThat(platform.get("/audit/verify").json().path("intact").asBoolean()).isTrue();
      JsonNode whoami = acme.get("/auth/whoami").json();
      assertThat(whoami.path("tenant").asText()).isEqualTo("acme");
      assertThat(whoami.path("platformAdmin").asBoolean()).isFalse();
    });
  }

  @Test
  void restartKeepsEachTenantAndDeleteRemovesItWithItsKeys() throws Exception {
    TestServer.test(c -> secured(c, data), (server, http) -> {
      Http platform = as(http, ADMIN_KEY);
      seed(platform, 18); // the default tenant, in the data directory itself as before tenants
      Http acme = as(http, tenantAdmin(platform, "acme"));
      seed(acme, 25);
      acme.put("/auth/policies/readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\"]}");
    });
    assertThat(data.resolve("tenants").resolve("acme")).isDirectory();
    TestServer.test(c -> secured(c, data), (server, http) -> {
      Http platform = as(http, ADMIN_KEY);
      assertThat(platform.get("/digitaltwins/r1").json().path("temperature").asDouble()).isEqualTo(18);
      assertThat(platform.get("/digitaltwins/r1", "Doppel-Tenant", "acme").json().path("temperature").asDouble())
          .isEqualTo(25);
      String key = key(platform, "acme", "reader");
      Http reader = as(http, key);
      assertThat(reader.get("/digitaltwins/r1").json().path("temperature").asDouble()).isEqualTo(25);

      assertThat(platform.delete("/tenants/acme").status()).isEqualTo(204);
      assertThat(reader.get("/digitaltwins/r1").status()).isEqualTo(401); // its keys are revoked
      assertThat(platform.get("/tenants/acme").errorCode()).isEqualTo("TENANT_NOT_FOUND");
      assertThat(Files.exists(data.resolve("tenants").resolve("acme"))).isFalse();
      // a tenant created again under the same name starts empty, without the old policies
      Http again = as(http, tenantAdmin(platform, "acme"));
      assertThat(again.get("/digitaltwins").json().path("value").size()).isZero();
      assertThat(again.get("/auth/policies").json().path("value").size()).isZero();
      assertThat(platform.get("/digitaltwins/r1").json().path("temperature").asDouble()).isEqualTo(18);
    });
  }

  @Test
  void anOpenServerServesOnlyTheDefaultTenant() throws Exception {
    TestServer.test((server, http) -> {
      assertThat(http.put("/tenants/acme", "").errorCode()).isEqualTo("TENANT_FORBIDDEN");
      assertThat(http.get("/digitaltwins", "Doppel-Tenant", "acme").errorCode()).isEqualTo("TENANT_FORBIDDEN");
      assertThat(http.get("/tenants").json().path("value").size()).isEqualTo(1);
    });
  }

  static void setTemperature(Http http, String id, double value) {
    Http.Response r = http.patch("/digitaltwins/" + id,
        "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":" + value + "}]");
    assertThat(r.status()).as(r.text()).isEqualTo(204);
  }

  private static List<Double> temperatures(List<String> cloudEvents) {
    List<Double> out = new ArrayList<>();
    for (String event : cloudEvents) {
      JsonNode data;
      try {
        data = Http.MAPPER.readTree(event).path("data");
      } catch (java.io.IOException e) {
        throw new AssertionError(event, e);
      }
      data.path("patch").forEach(op -> out.add(op.path("value").asDouble()));
    }
    return out;
  }

  private static List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.path("value").forEach(t -> out.add(t.path("$dtId").asText()));
    return out;
  }

  private static long count(Http tenant) {
    JsonNode rows = tenant.post("/query", "{\"query\":\"SELECT COUNT() FROM DIGITALTWINS\"}").json().path("value");
    return rows.get(0).path("COUNT").asLong();
  }

  private static List<Double> powers(Http tenant, String from) {
    String to = Instant.now().plusSeconds(3600).toString();
    List<Double> out = new ArrayList<>();
    tenant.get("/digitaltwins/m1/history?name=power&from=" + from + "&to=" + to).json().path("points")
        .forEach(p -> out.add(p.path("v").asDouble()));
    return out;
  }
}
