package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.auth.AuthConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Projections over real HTTP for a reader whose policy is scoped to a model and hides a property: a projected row
 * carries no {@code $metadata}, so it must still be decided on the twin's model in the graph. Every projection form
 * returns the rows the reader may see, and none of them shows the hidden property.
 */
class QueryProjectionAccessApiTest {
  private static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
  private static final String MODELS = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Pump;1","@type":"Interface","contents":[
        {"@type":"Property","name":"status","schema":"string","writable":true},
        {"@type":"Property","name":"ownerPhone","schema":"string","writable":true},
        {"@type":"Relationship","name":"feeds"}]},
       {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Valve;1","@type":"Interface","contents":[
        {"@type":"Property","name":"status","schema":"string","writable":true}]}]""";

  private static Http seededReader(Http http) {
    Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
    assertThat(admin.post("/models", MODELS).status()).isEqualTo(201);
    assertThat(admin.put("/digitaltwins/pump-1", """
        {"$metadata":{"$model":"dtmi:test:Pump;1"},"status":"running","ownerPhone":"+44 555 0100"}""").status())
        .isEqualTo(200);
    assertThat(admin.put("/digitaltwins/pump-2", """
        {"$metadata":{"$model":"dtmi:test:Pump;1"},"status":"idle","ownerPhone":"+44 555 0200"}""").status())
        .isEqualTo(200);
    assertThat(admin.put("/digitaltwins/valve-1", """
        {"$metadata":{"$model":"dtmi:test:Valve;1"},"status":"open"}""").status()).isEqualTo(200);
    assertThat(admin.put("/digitaltwins/pump-1/relationships/r1",
        "{\"$targetId\":\"pump-2\",\"$relationshipName\":\"feeds\"}").status()).isEqualTo(200);
    assertThat(admin.put("/auth/policies/pump-readers", """
        {"roles":["reader"],"actions":["read","query"],"model":"dtmi:test:Pump;1",
         "exceptProperties":["ownerPhone"]}""").status()).isEqualTo(200);
    return http.withHeader("Authorization", "Bearer " + RouteAccessTest.key(admin, "reader"));
  }

  private static JsonNode rows(Http caller, String query) {
    Http.Response answer = caller.post("/query", "{\"query\":\"" + query + "\"}");
    assertThat(answer.status()).as(query + ": " + answer.text()).isEqualTo(200);
    JsonNode rows = answer.json().path("value");
    assertThat(rows.toString()).as(query).doesNotContain("555").doesNotContain("ownerPhone");
    return rows;
  }

  private static List<String> texts(JsonNode rows, String field) {
    List<String> values = new ArrayList<>();
    rows.forEach(r -> values.add(r.path(field).asText()));
    return values;
  }

  @Test
  void projectionsReturnTheReadableRowsWithoutTheHiddenProperty() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http reader = seededReader(http);

      assertThat(rows(reader, "SELECT T FROM DIGITALTWINS T")).hasSize(2);
      assertThat(texts(rows(reader, "SELECT T.$dtId FROM DIGITALTWINS T"), "$dtId"))
          .containsExactlyInAnyOrder("pump-1", "pump-2");
      assertThat(texts(rows(reader, "SELECT T.$dtId, T.status FROM DIGITALTWINS T WHERE T.status = 'running'"),
          "status")).containsExactly("running");
      assertThat(texts(rows(reader, "SELECT T.status FROM DIGITALTWINS T"), "status"))
          .containsExactlyInAnyOrder("running", "idle");
      JsonNode hidden = rows(reader, "SELECT T.$dtId, T.ownerPhone FROM DIGITALTWINS T");
      assertThat(texts(hidden, "$dtId")).containsExactlyInAnyOrder("pump-1", "pump-2");
      hidden.forEach(r -> assertThat(r.has("ownerPhone")).as(r.toString()).isFalse());
      JsonNode star = rows(reader, "SELECT * FROM DIGITALTWINS");
      assertThat(star).hasSize(2);
      assertThat(star.toString()).contains("idle").doesNotContain("open");
      assertThat(rows(reader, "SELECT COUNT() FROM DIGITALTWINS").get(0).path("COUNT").asLong()).isEqualTo(2);
      assertThat(rows(reader, "SELECT COUNT() FROM DIGITALTWINS T WHERE T.status = 'idle'").get(0)
          .path("COUNT").asLong()).isEqualTo(1);

      JsonNode joined = rows(reader, "SELECT S.$dtId, D.status FROM DIGITALTWINS S JOIN D RELATED S.feeds");
      assertThat(joined).hasSize(1);
      assertThat(joined.get(0).path("$dtId").asText()).isEqualTo("pump-1");
      assertThat(joined.get(0).path("status").asText()).isEqualTo("idle");
      JsonNode twins = rows(reader, "SELECT S, D FROM DIGITALTWINS S JOIN D RELATED S.feeds");
      assertThat(twins.get(0).path("D").path("$dtId").asText()).isEqualTo("pump-2");
    });
  }

  @Test
  void projectionsNeverShowTwinsOutsideThePolicy() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http reader = seededReader(http);
      assertThat(rows(reader, "SELECT T.$dtId FROM DIGITALTWINS T WHERE T.$dtId = 'valve-1'")).isEmpty();
      assertThat(rows(reader, "SELECT T.status FROM DIGITALTWINS T WHERE T.status = 'open'")).isEmpty();
    });
  }
}
