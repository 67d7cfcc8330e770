package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.auth.AuthConfig;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code AS OF} queries over real HTTP for a reader whose policy is scoped to the Pump model and hides
 * {@code secret}: the rows of a past graph are decided on each twin as it was then — its model then, even when the
 * twin has since been deleted or recreated with another model — never on the graph as it is now.
 */
class AsOfProjectionAccessApiTest {
  private static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
  private static final String PHONE = "+44 555 0100";
  private static final String MODELS = """
      [{"@context":["dtmi:dtdl:context;3","dtmi:io:doppel:privacy;1"],"@id":"dtmi:test:Pump;1","@type":"Interface",
        "contents":[
        {"@type":"Property","name":"status","schema":"string","writable":true},
        {"@type":"Property","name":"secret","schema":"string","writable":true},
        {"@type":["Property","Personal"],"name":"ownerPhone","schema":"string","writable":true}]},
       {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Valve;1","@type":"Interface","contents":[
        {"@type":"Property","name":"status","schema":"string","writable":true},
        {"@type":"Property","name":"secret","schema":"string","writable":true}]}]""";

  private static void put(Http admin, String id, String model, String status) {
    Http.Response put = admin.put("/digitaltwins/" + id, """
        {"$metadata":{"$model":"%s"},"status":"%s","secret":"%s-secret"%s}""".formatted(model, status, id,
        model.contains("Pump") ? ",\"ownerPhone\":\"" + PHONE + "\"" : ""));
    assertThat(put.status()).as(put.text()).isEqualTo(200);
  }

  /** A moment strictly between the writes before and after it (times have millisecond resolution). */
  private static Instant pause() throws InterruptedException {
    Thread.sleep(5);
    Instant between = Instant.now();
    Thread.sleep(5);
    return between;
  }

  /** The rows by $dtId; no answer of the reader's ever holds a secret or the clear phone number. */
  private static Map<String, JsonNode> rows(Http reader, String query) {
    Http.Response answer = reader.post("/query", "{\"query\":\"" + query + "\"}");
    assertThat(answer.status()).as(query + ": " + answer.text()).isEqualTo(200);
    JsonNode value = answer.json().path("value");
    assertThat(value.toString()).as(query).doesNotContain("-secret", PHONE);
    Map<String, JsonNode> byId = new HashMap<>();
    value.forEach(r -> byId.put(r.path("$dtId").asText(), r));
    return byId;
  }

  @Test
  void projectionsOfAPastGraphAreDecidedOnTheTwinsAsTheyWere() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      assertThat(admin.post("/models", MODELS).status()).isEqualTo(201);
      put(admin, "kept", "dtmi:test:Pump;1", "kept-then");
      put(admin, "gone", "dtmi:test:Pump;1", "gone-then");
      put(admin, "pump-then", "dtmi:test:Pump;1", "pump-then");
      put(admin, "valve-then", "dtmi:test:Valve;1", "valve-then");
      assertThat(admin.put("/auth/policies/pumps", """
          {"roles":["reader"],"actions":["read","query"],"model":"dtmi:test:Pump;1",
           "exceptProperties":["secret"]}""").status()).isEqualTo(200);
      Http reader = http.withHeader("Authorization", "Bearer " + RouteAccessTest.key(admin, "reader"));
      Instant then = pause();

      assertThat(admin.delete("/digitaltwins/gone").status()).isEqualTo(204);
      for (String id : new String[] {"pump-then", "valve-then"}) {
        assertThat(admin.delete("/digitaltwins/" + id).status()).isEqualTo(204);
      }
      put(admin, "pump-then", "dtmi:test:Valve;1", "valve-now");
      put(admin, "valve-then", "dtmi:test:Pump;1", "pump-now");

      String asOf = " FROM DIGITALTWINS T AS OF '" + then + "'";
      Map<String, JsonNode> projected = rows(reader, "SELECT T.$dtId, T.status, T.secret, T.ownerPhone" + asOf);
      assertThat(projected).containsOnlyKeys("kept", "gone", "pump-then");
      assertThat(projected.get("gone").path("status").asText()).isEqualTo("gone-then");
      assertThat(projected.get("pump-then").path("status").asText()).isEqualTo("pump-then");
      projected.values().forEach(r -> assertThat(r.has("secret")).as(r.toString()).isFalse());
      assertThat(projected.get("gone").path("ownerPhone").asText()).matches("pn_[A-Za-z0-9_-]{22}");

      Http.Response star = reader.post("/query", "{\"query\":\"SELECT *" + asOf.replace(" T ", " ") + "\"}");
      assertThat(star.status()).as(star.text()).isEqualTo(200);
      assertThat(star.json().path("value")).extracting(r -> r.path("$dtId").asText())
          .containsExactlyInAnyOrder("kept", "gone", "pump-then");
      assertThat(star.text()).doesNotContain("-secret", PHONE, "valve-then");

      // Now, the same reader sees the graph as it is: valve-then is a Pump, pump-then a Valve.
      assertThat(rows(reader, "SELECT T.$dtId, T.status FROM DIGITALTWINS T")).containsOnlyKeys("kept", "valve-then");
    });
  }
}
