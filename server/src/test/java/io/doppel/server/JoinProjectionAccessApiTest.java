package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.auth.AuthConfig;
import org.junit.jupiter.api.Test;

/**
 * JOIN and MATCH projections over real HTTP for a reader whose two policies differ: pumps by model (every property
 * but {@code status}, personal data in clear), valves by id pattern (every property but {@code secret}, personal
 * data pseudonymised). Each projected value is decided by the policy of the twin it comes from, whichever twin
 * gives the row its {@code $dtId}.
 */
class JoinProjectionAccessApiTest {
  private static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
  private static final String PUMP_PHONE = "+44 555 0100";
  private static final String VALVE_PHONE = "+44 555 0200";
  private static final String MODELS = """
      [{"@context":["dtmi:dtdl:context;3","dtmi:io:doppel:privacy;1"],"@id":"dtmi:test:Pump;1","@type":"Interface",
        "contents":[
        {"@type":"Property","name":"status","schema":"string","writable":true},
        {"@type":"Property","name":"secret","schema":"string","writable":true},
        {"@type":["Property","Personal"],"name":"ownerPhone","schema":"string","writable":true},
        {"@type":"Relationship","name":"feeds"}]},
       {"@context":["dtmi:dtdl:context;3","dtmi:io:doppel:privacy;1"],"@id":"dtmi:test:Valve;1","@type":"Interface",
        "contents":[
        {"@type":"Property","name":"status","schema":"string","writable":true},
        {"@type":"Property","name":"secret","schema":"string","writable":true},
        {"@type":["Property","Personal"],"name":"ownerPhone","schema":"string","writable":true}]}]""";

  private static Http seededReader(Http http) {
    Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
    assertThat(admin.post("/models", MODELS).status()).isEqualTo(201);
    assertThat(admin.put("/digitaltwins/pump-1", """
        {"$metadata":{"$model":"dtmi:test:Pump;1"},"status":"running","secret":"pump-secret",
         "ownerPhone":"%s"}""".formatted(PUMP_PHONE)).status()).isEqualTo(200);
    assertThat(admin.put("/digitaltwins/valve-1", """
        {"$metadata":{"$model":"dtmi:test:Valve;1"},"status":"open","secret":"valve-secret",
         "ownerPhone":"%s"}""".formatted(VALVE_PHONE)).status()).isEqualTo(200);
    assertThat(admin.put("/digitaltwins/pump-1/relationships/r1",
        "{\"$targetId\":\"valve-1\",\"$relationshipName\":\"feeds\"}").status()).isEqualTo(200);
    assertThat(admin.put("/auth/policies/pumps", """
        {"roles":["reader"],"actions":["read","query","personal"],"model":"dtmi:test:Pump;1",
         "exceptProperties":["status"]}""").status()).isEqualTo(200);
    assertThat(admin.put("/auth/policies/valves", """
        {"roles":["reader"],"actions":["read","query"],"twins":"valve-*","exceptProperties":["secret"]}""")
        .status()).isEqualTo(200);
    return http.withHeader("Authorization", "Bearer " + RouteAccessTest.key(admin, "reader"));
  }

  /** The only row of the query; no answer of the reader's ever holds what their policies hide. */
  private static JsonNode row(Http reader, String query) {
    Http.Response answer = reader.post("/query", "{\"query\":\"" + query + "\"}");
    assertThat(answer.status()).as(query + ": " + answer.text()).isEqualTo(200);
    JsonNode rows = answer.json().path("value");
    assertThat(rows.toString()).as(query).doesNotContain("valve-secret", VALVE_PHONE, "running");
    assertThat(rows).as(query).hasSize(1);
    return rows.get(0);
  }

  @Test
  void joinProjectionsAreFilteredByTheTwinEachValueComesFrom() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http reader = seededReader(http);
      String join = " FROM DIGITALTWINS P JOIN V RELATED P.feeds";

      // The row's $dtId is the pump's, whose policy hides status; the valve's status is readable.
      JsonNode valveStatus = row(reader, "SELECT P.$dtId, V.status" + join);
      assertThat(valveStatus.path("$dtId").asText()).isEqualTo("pump-1");
      assertThat(valveStatus.path("status").asText()).isEqualTo("open");
      // The other way round: the valve's policy hides secret, the pump's does not.
      JsonNode pumpSecret = row(reader, "SELECT V.$dtId, P.secret" + join);
      assertThat(pumpSecret.path("$dtId").asText()).isEqualTo("valve-1");
      assertThat(pumpSecret.path("secret").asText()).isEqualTo("pump-secret");
      // The valve's secret stays hidden although the pump's policy, that of the row's $dtId, shows secret.
      JsonNode valveSecret = row(reader, "SELECT P.$dtId, V.secret" + join);
      assertThat(valveSecret.has("secret")).as(valveSecret.toString()).isFalse();
      assertThat(row(reader, "SELECT P.$dtId, P.status" + join).has("status")).isFalse();

      // Personal data: in clear for the pump (its policy grants personal), a pseudonym for the valve.
      JsonNode phones = row(reader, "SELECT P.$dtId, P.ownerPhone AS pumpPhone, V.ownerPhone AS valvePhone" + join);
      assertThat(phones.path("pumpPhone").asText()).isEqualTo(PUMP_PHONE);
      assertThat(phones.path("valvePhone").asText()).matches("pn_[A-Za-z0-9_-]{22}");

      JsonNode twins = row(reader, "SELECT P, V" + join);
      assertThat(twins.path("P").path("secret").asText()).isEqualTo("pump-secret");
      assertThat(twins.path("P").has("status")).isFalse();
      assertThat(twins.path("V").path("status").asText()).isEqualTo("open");
      assertThat(twins.path("V").has("secret")).isFalse();
      assertThat(twins.path("V").path("ownerPhone").asText()).isEqualTo(phones.path("valvePhone").asText());
    });
  }

  @Test
  void matchProjectionsAreFilteredByTheTwinEachValueComesFrom() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http reader = seededReader(http);
      String match = " FROM DIGITALTWINS MATCH (P)-[:feeds]->(V) WHERE P.$dtId = 'pump-1'";

      assertThat(row(reader, "SELECT P.$dtId, V.status" + match).path("status").asText()).isEqualTo("open");
      assertThat(row(reader, "SELECT V.$dtId, P.secret" + match).path("secret").asText()).isEqualTo("pump-secret");
      assertThat(row(reader, "SELECT P.$dtId, V.secret" + match).has("secret")).isFalse();
      JsonNode phones = row(reader, "SELECT V.$dtId, P.ownerPhone AS pumpPhone, V.ownerPhone AS valvePhone" + match);
      assertThat(phones.path("pumpPhone").asText()).isEqualTo(PUMP_PHONE);
      assertThat(phones.path("valvePhone").asText()).matches("pn_[A-Za-z0-9_-]{22}");
    });
  }
}
