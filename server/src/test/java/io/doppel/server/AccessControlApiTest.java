package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.auth.AuthConfig;
import io.doppel.server.auth.RocksAuthStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property-level access: a reader sees a pump's status but not its owner's phone, in twin reads, listings, query
 * results, the change stream and history; and the audit log records writes and refusals in a chain that shows
 * tampering.
 */
class AccessControlApiTest {
  private static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
  private static final String MODELS = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Pump;1","@type":"Interface","contents":[
        {"@type":"Property","name":"status","schema":"string","writable":true},
        {"@type":"Property","name":"ownerPhone","schema":"string","writable":true},
        {"@type":"Telemetry","name":"flow","schema":"double"},
        {"@type":"Telemetry","name":"ownerPing","schema":"double"}]},
       {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:BigPump;1","@type":"Interface",
        "extends":"dtmi:test:Pump;1","contents":[]},
       {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Valve;1","@type":"Interface","contents":[
        {"@type":"Property","name":"status","schema":"string","writable":true},
        {"@type":"Relationship","name":"feeds"}]}]""";

  private static void seed(Http admin) {
    assertThat(admin.post("/models", MODELS).status()).isEqualTo(201);
    assertThat(admin.put("/digitaltwins/pump-1", """
        {"$metadata":{"$model":"dtmi:test:Pump;1"},"status":"running","ownerPhone":"+44 555 0100"}""").status())
        .isEqualTo(200);
    assertThat(admin.put("/digitaltwins/pump-2", """
        {"$metadata":{"$model":"dtmi:test:BigPump;1"},"status":"idle","ownerPhone":"+44 555 0200"}""").status())
        .isEqualTo(200);
    assertThat(admin.put("/digitaltwins/valve-1", """
        {"$metadata":{"$model":"dtmi:test:Valve;1"},"status":"open"}""").status()).isEqualTo(200);
    // pump readers: read and query pumps (derived models included), never the owner's phone
    assertThat(admin.put("/auth/policies/pump-readers", """
        {"roles":["reader"],"actions":["read","query"],"model":"dtmi:test:Pump;1",
         "exceptProperties":["ownerPhone","ownerPing"]}""").status()).isEqualTo(200);
  }

  @Test
  void readersSeeStatusButNotTheOwnersPhone() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      seed(admin);
      Http reader = http.withHeader("Authorization", "Bearer " + RouteAccessTest.key(admin, "reader"));

      JsonNode pump = reader.get("/digitaltwins/pump-2").json();
      assertThat(pump.path("status").asText()).isEqualTo("idle"); // BigPump extends Pump: covered
      assertThat(pump.has("ownerPhone")).isFalse();
      assertThat(pump.path("$metadata").has("ownerPhone")).isFalse();
      assertThat(admin.get("/digitaltwins/pump-2").json().path("ownerPhone").asText()).isEqualTo("+44 555 0200");
      assertThat(reader.get("/digitaltwins/valve-1").status()).isEqualTo(403);
      assertThat(reader.patch("/digitaltwins/pump-1", "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"x\"}]")
          .status()).isEqualTo(403);

      assertThat(admin.put("/digitaltwins/valve-1/relationships/v1", "{\"$targetId\":\"pump-1\","
          + "\"$relationshipName\":\"feeds\"}").status()).isEqualTo(200);
      assertThat(admin.get("/digitaltwins/pump-1/incomingrelationships").text()).contains("valve-1");
      assertThat(reader.get("/digitaltwins/pump-1/incomingrelationships").json().path("value").size()).isZero();

      List<String> listed = new ArrayList<>();
      reader.get("/digitaltwins").json().path("value").forEach(t -> {
        listed.add(t.path("$dtId").asText());
        assertThat(t.has("ownerPhone")).isFalse();
      });
      assertThat(listed).containsExactly("pump-1", "pump-2");

      JsonNode rows = reader.post("/query", "{\"query\":\"SELECT T FROM DIGITALTWINS T\"}").json().path("value");
      assertThat(rows.size()).isEqualTo(2);
      rows.forEach(r -> assertThat(r.toString()).doesNotContain("555").contains("status"));
      JsonNode projected = reader.post("/query",
          "{\"query\":\"SELECT T.ownerPhone FROM DIGITALTWINS T\"}").json().path("value");
      assertThat(projected.toString()).doesNotContain("555");
      // the query runs on the reader's view: hidden properties cannot be filtered on, hidden twins are not counted
      assertThat(reader.post("/query", "{\"query\":\"SELECT T FROM DIGITALTWINS T WHERE T.ownerPhone = "
          + "'+44 555 0100'\"}").json().path("value").size()).isZero();
      assertThat(admin.post("/query", "{\"query\":\"SELECT T FROM DIGITALTWINS T WHERE T.ownerPhone = "
          + "'+44 555 0100'\"}").json().path("value").size()).isEqualTo(1);
      assertThat(reader.post("/query", "{\"query\":\"SELECT COUNT() FROM DIGITALTWINS\"}").json().path("value")
          .get(0).path("COUNT").asLong()).isEqualTo(2);
      assertThat(reader.post("/query", "{\"query\":\"SELECT T.status FROM DIGITALTWINS T WHERE "
          + "T.status = 'running'\"}").json().path("value").toString()).contains("running");
      String export = reader.send("POST", "/query", "{\"query\":\"SELECT T FROM DIGITALTWINS T\"}",
          "application/json", "Accept", "application/x-ndjson").text();
      assertThat(export).contains("pump-1").doesNotContain("555").doesNotContain("valve-1");
    });
  }

  @Test
  void historyAndTheChangeStreamHideWhatTheReaderMayNotSee() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      seed(admin);
      String readerKey = RouteAccessTest.key(admin, "reader");
      Http reader = http.withHeader("Authorization", "Bearer " + readerKey);
      assertThat(admin.post("/digitaltwins/pump-1/telemetry", "{\"flow\":3.5,\"ownerPing\":1}").status())
          .isEqualTo(204);
      JsonNode latest = reader.get("/digitaltwins/pump-1/history/latest").json().path("value");
      List<String> names = new ArrayList<>();
      latest.forEach(p -> names.add(p.path("name").asText()));
      assertThat(names).contains("flow").doesNotContain("ownerPing", "ownerPhone");
      assertThat(reader.get("/digitaltwins/pump-1/history?name=ownerPing&from=2000-01-01T00:00:00Z"
          + "&to=2100-01-01T00:00:00Z").status()).isEqualTo(403);
      assertThat(reader.get("/digitaltwins/pump-1/history?name=flow&from=2000-01-01T00:00:00Z"
          + "&to=2100-01-01T00:00:00Z").status()).isEqualTo(200);
      String csv = reader.get("/digitaltwins/pump-1/history/export?from=2000-01-01T00:00:00Z"
          + "&to=2100-01-01T00:00:00Z").text();
      assertThat(csv).contains("flow").doesNotContain("ownerPing");

      SseClient events = SseClient.connect(server.baseUri(), "/events", "Authorization", "Bearer " + readerKey);
      assertThat(events.status()).isEqualTo(200);
      admin.patch("/digitaltwins/valve-1", "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"shut\"}]");
      admin.patch("/digitaltwins/pump-1", "[{\"op\":\"replace\",\"path\":\"/ownerPhone\",\"value\":\"+44 555 0999\"}]");
      admin.patch("/digitaltwins/pump-1", "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"stopped\"},"
          + "{\"op\":\"replace\",\"path\":\"/ownerPhone\",\"value\":\"+44 555 0777\"}]");
      var seen = events.take(1);
      String data = seen.get(0).toString();
      assertThat(data).contains("pump-1").contains("stopped").doesNotContain("555").doesNotContain("valve-1");
    });
  }

  @Test
  void writesAndChangeHistoryRespectPropertiesToo() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      seed(admin);
      assertThat(admin.put("/auth/policies/crew", """
          {"roles":["crew"],"actions":["write"],"twins":"pump-*","properties":["status"]}""").status())
          .isEqualTo(200);
      Http crew = http.withHeader("Authorization", "Bearer " + RouteAccessTest.key(admin, "crew"));
      assertThat(crew.patch("/digitaltwins/pump-1", "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"ok\"}]")
          .status()).isEqualTo(204);
      Http.Response phone = crew.patch("/digitaltwins/pump-1",
          "[{\"op\":\"replace\",\"path\":\"/ownerPhone\",\"value\":\"1\"}]");
      assertThat(phone.status()).isEqualTo(403);
      assertThat(phone.json().path("error").path("message").asText()).contains("ownerPhone");
      assertThat(crew.put("/digitaltwins/pump-7", "{\"$metadata\":{\"$model\":\"dtmi:test:Pump;1\"},"
          + "\"status\":\"x\",\"ownerPhone\":\"2\"}").status()).isEqualTo(403);
      assertThat(admin.get("/digitaltwins/pump-1").json().path("ownerPhone").asText()).isEqualTo("+44 555 0100");

      Http reader = http.withHeader("Authorization", "Bearer " + RouteAccessTest.key(admin, "reader"));
      String changes = reader.get("/digitaltwins/pump-1/changes").text();
      assertThat(changes).contains("running").contains("\"ok\"").doesNotContain("555");
      assertThat(admin.get("/digitaltwins/pump-1/changes").text()).contains("555");
    });
  }

  @Test
  void webSocketsAreRefusedWithoutTheRightAndFilteredWithIt() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      seed(admin);
      String readerKey = RouteAccessTest.key(admin, "reader");
      String nobody = RouteAccessTest.key(admin, "nobody");
      assertUpgradeRefused(server, 401);
      assertUpgradeRefused(server, 403, "Authorization", "Bearer " + nobody);
      long cursor = server.engine().version();
      try (WsClient ws = WsClient.connect(server.baseUri(), "/events?cursor=" + cursor,
          "Authorization", "Bearer " + readerKey)) {
        admin.patch("/digitaltwins/valve-1", "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"shut\"}]");
        admin.patch("/digitaltwins/pump-1", "[{\"op\":\"replace\",\"path\":\"/ownerPhone\",\"value\":\"0\"}]");
        admin.put("/digitaltwins/pump-9", "{\"$metadata\":{\"$model\":\"dtmi:test:Pump;1\"},\"status\":\"new\","
            + "\"ownerPhone\":\"+44 555 0900\"}");
        String event = ws.take(1).get(0);
        assertThat(event).contains("pump-9").contains("\"status\":\"new\"").doesNotContain("555")
            .doesNotContain("valve-1");
      }
    });
  }

  private static void assertUpgradeRefused(DoppelServer server, int status, String... headers) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WsClient.connect(server.baseUri(), "/events", headers))
        .cause().isInstanceOfSatisfying(java.net.http.WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(status));
  }

  @Test
  void devicesConnectOverMqttWithAnApiKeyThatMayWrite() throws Exception {
    TestServer.withMqtt(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      admin.put("/auth/policies/devices", "{\"roles\":[\"device\"],\"actions\":[\"write\"]}");
      admin.put("/auth/policies/readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\"]}");
      String device = RouteAccessTest.key(admin, "device");
      String reader = RouteAccessTest.key(admin, "reader");
      var good = com.hivemq.client.mqtt.MqttClient.builder().useMqttVersion5().identifier("d1")
          .serverHost("127.0.0.1").serverPort(server.mqttPort()).buildBlocking();
      good.connectWith().simpleAuth().username("meter").password(device.getBytes()).applySimpleAuth().send();
      good.disconnect();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> com.hivemq.client.mqtt.MqttClient.builder()
          .useMqttVersion5().identifier("d2").serverHost("127.0.0.1").serverPort(server.mqttPort()).buildBlocking()
          .connectWith().simpleAuth().username("r").password(reader.getBytes()).applySimpleAuth().send())
          .isInstanceOfSatisfying(com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException.class,
              e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(
                  com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> com.hivemq.client.mqtt.MqttClient.builder()
          .useMqttVersion5().identifier("d3").serverHost("127.0.0.1").serverPort(server.mqttPort()).buildBlocking()
          .connectWith().simpleAuth().username("x").password("dpk_nope".getBytes()).applySimpleAuth().send())
          .isInstanceOfSatisfying(com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException.class,
              e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(
                  com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode
                      .BAD_USER_NAME_OR_PASSWORD));
      assertThat(admin.get("/audit?path=client").json().path("value").size()).isEqualTo(2);
    });
  }

  @Test
  void theAuditLogRecordsWritesAndRefusalsAndShowsTampering(@TempDir Path dir) throws Exception {
    String readerKey;
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeralSecured(ADMIN_KEY).withDataDir(dir))) {
      Http http = new Http(server.baseUri());
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      seed(admin);
      readerKey = RouteAccessTest.key(admin, "reader");
      http.withHeader("Authorization", "Bearer " + readerKey).delete("/digitaltwins/pump-1");
      http.get("/digitaltwins/pump-1");
      JsonNode denied = admin.get("/audit?path=/digitaltwins/pump-1").json().path("value");
      assertThat(denied.toString()).contains("\"outcome\":\"denied\"").contains("\"status\":403")
          .contains("\"status\":401");
      JsonNode writes = admin.get("/audit?principal=admin").json().path("value");
      assertThat(writes.toString()).contains("PUT").contains("/digitaltwins/valve-1").contains("\"outcome\":\"ok\"");
      assertThat(admin.get("/audit/verify").json().path("intact").asBoolean()).isTrue();
    }
    // the key and the chain survive a restart; then one entry is edited behind the server's back
    try (RocksAuthStore store = RocksAuthStore.open(dir.resolve("auth"))) {
      String key = "audit/" + String.format("%020d", 3);
      String entry = store.get(key).orElseThrow();
      store.put(key, entry.replace("\"status\":", "\"status\":1"));
    }
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeralSecured(ADMIN_KEY).withDataDir(dir))) {
      Http http = new Http(server.baseUri());
      assertThat(http.get("/digitaltwins/pump-1", "Authorization", "Bearer " + readerKey).status()).isEqualTo(200);
      JsonNode verdict = http.get("/audit/verify", "Authorization", "Bearer " + ADMIN_KEY).json();
      assertThat(verdict.path("intact").asBoolean()).isFalse();
      assertThat(verdict.path("brokenAt").asLong()).isEqualTo(3);
    }
  }

  @Test
  void revokedKeysNoLongerAuthenticate() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      seed(admin);
      Http.Response created = admin.post("/auth/keys", "{\"name\":\"ops\",\"roles\":[\"reader\"]}");
      String id = created.json().path("id").asText();
      String key = created.json().path("key").asText();
      assertThat(admin.get("/auth/keys").text()).contains(id).doesNotContain(key);
      assertThat(http.get("/digitaltwins/pump-1", "Authorization", "Bearer " + key).status()).isEqualTo(200);
      assertThat(admin.delete("/auth/keys/" + id).json().has("revokedAt")).isTrue();
      assertThat(http.get("/digitaltwins/pump-1", "Authorization", "Bearer " + key).status()).isEqualTo(401);
      assertThat(admin.put("/auth/policies/bad", "{\"roles\":[\"r\"],\"actions\":[\"fly\"]}").targets())
          .contains("/actions");
      // the UI's session cookie works like the header, and carries HttpOnly and SameSite=Strict
      Http.Response login = http.post("/auth/login", "{\"apiKey\":\"" + ADMIN_KEY + "\"}");
      String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
      assertThat(http.get("/auth/whoami", "Cookie", cookie.split(";")[0]).json().path("principal").asText())
          .isEqualTo("admin");
      Http.Response headers = http.get("/health");
      assertThat(headers.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(headers.headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("frame-ancestors 'none'");
      assertThat(headers.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    });
  }
}
