package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /query} as ADT shapes it, its plan, property indexes and impact questions, over real HTTP. */
class QueryApiTest {

  @Test
  void answersAdtQueriesAndPagesWithContinuationTokens() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      for (int i = 0; i < 7; i++) {
        Fixtures.createRoom(http, "room-" + i, 18 + i);
      }
      Fixtures.createDevice(http, "dev-1");

      JsonNode hot = http.post("/query", query(
          "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:test:Room;1') AND temperature > 21")).json();
      List<String> ids = new ArrayList<>();
      hot.path("value").forEach(t -> ids.add(t.path("$dtId").asText()));
      assertThat(ids).containsExactlyInAnyOrder("room-4", "room-5", "room-6");
      assertThat(hot.path("value").get(0).path("$metadata").path("$model").asText()).isEqualTo(Fixtures.ROOM);

      JsonNode count = http.post("/query", query("SELECT COUNT() FROM DIGITALTWINS WHERE IS_DEFINED(serial)")).json();
      assertThat(count.path("value").get(0).path("COUNT").asLong()).isEqualTo(1);

      List<String> paged = new ArrayList<>();
      String token = null;
      int pages = 0;
      do {
        String body = token == null
            ? query("SELECT T.$dtId FROM DIGITALTWINS T WHERE STARTSWITH(T.$dtId, 'room-')")
            : "{\"query\":\"SELECT T.$dtId FROM DIGITALTWINS T WHERE STARTSWITH(T.$dtId, 'room-')\","
                + "\"continuationToken\":\"" + token + "\"}";
        JsonNode page = http.post("/query", body, "max-items-per-page", "3").json();
        assertThat(page.path("value").size()).isLessThanOrEqualTo(3);
        page.path("value").forEach(row -> paged.add(row.path("$dtId").asText()));
        token = page.path("continuationToken").isTextual() ? page.path("continuationToken").asText() : null;
        pages++;
      } while (token != null);
      assertThat(paged).hasSize(7).doesNotHaveDuplicates();
      assertThat(pages).isGreaterThanOrEqualTo(3);
    });
  }

  @Test
  void refusesBadQueriesWithAStableCodeAndThePosition() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Http.Response syntax = http.post("/query", query("SELECT * FROM DIGITALTWINS WHERE temperature >"));
      assertThat(syntax.status()).isEqualTo(400);
      assertThat(syntax.errorCode()).isEqualTo("QUERY_INVALID");
      assertThat(syntax.json().path("error").path("details").get(0).path("target").asText()).contains("1:");

      Http.Response unknown = http.post("/query", query("SELECT * FROM DIGITALTWINS WHERE FLY(temperature)"));
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.errorCode()).isEqualTo("QUERY_INVALID");

      Http.Response missing = http.post("/query", "{\"q\":\"SELECT * FROM DIGITALTWINS\"}");
      assertThat(missing.status()).isEqualTo(400);
      assertThat(missing.errorCode()).isEqualTo("INVALID_JSON");

      Http.Response garbageToken = http.post("/query",
          "{\"query\":\"SELECT * FROM DIGITALTWINS\",\"continuationToken\":\"not-a-token\"}");
      assertThat(garbageToken.status()).isEqualTo(400);
    });
  }

  @Test
  void explainsThePlanAndUsesADeclaredIndex() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      for (int i = 0; i < 5; i++) {
        Fixtures.createRoom(http, "room-" + i, 20 + i);
      }
      String q = "SELECT * FROM DIGITALTWINS WHERE temperature = 22";
      String before = http.post("/query/explain", query(q)).text();
      assertThat(http.put("/indexes/temperature", "").status()).isEqualTo(201);
      assertThat(http.put("/indexes/temperature", "").status()).isEqualTo(200);
      assertThat(http.get("/indexes").json().path("value").get(0).path("path").asText()).isEqualTo("temperature");
      String after = http.post("/query/explain", query(q)).text();
      assertThat(after).contains("temperature").isNotEqualTo(before);
      JsonNode rows = http.post("/query", query(q)).json().path("value");
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).path("$dtId").asText()).isEqualTo("room-2");

      JsonNode explained = http.post("/query", query("EXPLAIN " + q)).json().path("value");
      assertThat(explained).hasSize(1);

      assertThat(http.delete("/indexes/temperature").status()).isEqualTo(204);
      Http.Response gone = http.delete("/indexes/temperature");
      assertThat(gone.status()).isEqualTo(404);
      assertThat(gone.errorCode()).isEqualTo("INDEX_NOT_FOUND");
    });
  }

  @Test
  void answersImpactQuestionsWithPaths() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "room-1", 20);
      Fixtures.createDevice(http, "dev-1");
      Fixtures.createDevice(http, "dev-2");
      Fixtures.contains(http, "room-1", "r1", "dev-1");
      Fixtures.contains(http, "room-1", "r2", "dev-2");

      JsonNode down = http.get("/digitaltwins/room-1/impact?direction=downstream&relationships=contains&depth=2")
          .json();
      List<String> reached = new ArrayList<>();
      down.path("impacted").forEach(t -> reached.add(t.path("$dtId").asText()));
      assertThat(reached).containsExactlyInAnyOrder("dev-1", "dev-2");
      assertThat(down.path("impacted").get(0).path("path").get(0).path("$sourceId").asText()).isEqualTo("room-1");

      JsonNode up = http.get("/digitaltwins/dev-1/impact?direction=upstream").json();
      assertThat(up.path("impacted").get(0).path("$dtId").asText()).isEqualTo("room-1");

      Http.Response badDirection = http.get("/digitaltwins/dev-1/impact?direction=sideways");
      assertThat(badDirection.status()).isEqualTo(400);
      assertThat(badDirection.text()).contains("direction");
      assertThat(http.get("/digitaltwins/nobody/impact").status()).isEqualTo(404);
    });
  }

  private static String query(String text) {
    return Http.MAPPER.createObjectNode().put("query", text).toString();
  }
}
