package io.doppel.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import io.doppel.store.rocksdb.RocksTwinStore;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory written before there were tenants (a twin in {@code <data>}, a key and audit entries without a
 * tenant field) is the default tenant's: the twin is served, the key authenticates into the default tenant with
 * its policy, and the old audit entries still verify, chained to the new ones that name their tenant.
 */
class PreTenantDataTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String ADMIN_KEY = "admin-key-for-tests-0123456789";

  @TempDir
  Path data;

  @Test
  void theDefaultTenantReadsAPreTenantDataDirectory() throws Exception {
    try (TwinEngine engine = TwinEngine.open(RocksTwinStore.open(data))) {
      engine.addModels(List.of("""
          {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Pump;1","@type":"Interface",
           "contents":[{"@type":"Property","name":"status","schema":"string"}]}"""));
      engine.putTwin("pump-1", (ObjectNode) JSON.readTree(
          "{\"$metadata\":{\"$model\":\"dtmi:test:Pump;1\"},\"status\":\"running\"}"), Precondition.none());
    }
    String key = "dpk_0123456789abcdef_" + "A".repeat(43);
    try (RocksAuthStore store = RocksAuthStore.open(data.resolve("auth"))) {
      ObjectNode stored = JSON.createObjectNode().put("id", "0123456789abcdef").put("name", "old");
      stored.putArray("roles").add("reader");
      stored.put("createdAt", "2026-01-01T00:00:00Z").put("sha256", ApiKeys.sha256(key));
      store.put("key/0123456789abcdef", stored.toString());
      store.put("policy/readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\"]}");
      String prev = AuditLog.GENESIS;
      for (long seq = 1; seq <= 2; seq++) {
        Instant time = Instant.parse("2026-01-01T00:00:0" + seq + "Z");
        // the hash as entries were chained before they had a tenant
        String content = seq + "\n" + time + "\nadmin\nPUT\n/digitaltwins/pump-1\nPUT /digitaltwins/{id}\n200\nok\n"
            + "127.0.0.1\n" + prev;
        String hash = ApiKeys.sha256(content);
        store.put(AuditLog.key(seq), JSON.createObjectNode().put("seq", seq).put("time", time.toString())
            .put("principal", "admin").put("method", "PUT").put("path", "/digitaltwins/pump-1")
            .put("route", "PUT /digitaltwins/{id}").put("status", 200).put("outcome", "ok")
            .put("remote", "127.0.0.1").put("prev", prev).put("hash", hash).toString());
        prev = hash;
      }
    }

    ServerConfig config = ServerConfig.ephemeralSecured(ADMIN_KEY).withDataDir(data);
    try (DoppelServer server = DoppelServer.start(config)) {
      JsonNode pump = get(server, "/digitaltwins/pump-1", key);
      assertThat(pump.path("status").asText()).isEqualTo("running");
      JsonNode me = get(server, "/auth/whoami", key);
      assertThat(me.path("tenant").asText()).isEqualTo("default");
      JsonNode keys = get(server, "/auth/keys", ADMIN_KEY).path("value");
      assertThat(keys.size()).isEqualTo(1);
      assertThat(keys.get(0).path("tenant").asText()).isEqualTo("default");
      JsonNode audit = get(server, "/audit?tenant=default", ADMIN_KEY).path("value");
      assertThat(audit.size()).isEqualTo(2); // entries without a tenant are the default tenant's
      send(server, "PUT", "/tenants/acme", ADMIN_KEY); // a new entry, with its tenant, chained to the old ones
      JsonNode verdict = get(server, "/audit/verify", ADMIN_KEY);
      assertThat(verdict.path("intact").asBoolean()).as(verdict.toString()).isTrue();
      assertThat(verdict.path("entries").asLong()).isGreaterThanOrEqualTo(3);
    }
    assertThat(Files.isDirectory(data.resolve("tenants").resolve("acme"))).isTrue();
  }

  private static JsonNode get(DoppelServer server, String path, String key) throws Exception {
    return JSON.readTree(send(server, "GET", path, key));
  }

  private static String send(DoppelServer server, String method, String path, String key) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUri() + path))
        .header("Authorization", "Bearer " + key).method(method, HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
    return response.body();
  }
}
