package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelationshipApiTest {

  @Test
  void createsReadsPatchesAndDeletesARelationship() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "room-1", 20);
      Fixtures.createDevice(http, "dev-1");
      Http.Response created = http.put("/digitaltwins/room-1/relationships/r1",
          "{\"$targetId\":\"dev-1\",\"$relationshipName\":\"contains\",\"since\":\"2024-01-01\"}");
      assertThat(created.status()).isEqualTo(200);
      assertThat(created.etag()).isNotBlank();
      assertThat(created.json().path("$sourceId").asText()).isEqualTo("room-1");

      JsonNode read = http.get("/digitaltwins/room-1/relationships/r1").json();
      assertThat(read.path("$targetId").asText()).isEqualTo("dev-1");
      assertThat(read.path("since").asText()).isEqualTo("2024-01-01");

      Http.Response patched = http.patch("/digitaltwins/room-1/relationships/r1",
          "[{\"op\":\"replace\",\"path\":\"/since\",\"value\":\"2025-02-03\"}]");
      assertThat(patched.status()).isEqualTo(204);
      assertThat(http.get("/digitaltwins/room-1/relationships/r1").json().path("since").asText())
          .isEqualTo("2025-02-03");

      Http.Response badProperty = http.patch("/digitaltwins/room-1/relationships/r1",
          "[{\"op\":\"replace\",\"path\":\"/since\",\"value\":\"yesterday\"}]");
      assertThat(badProperty.status()).isEqualTo(400);
      assertThat(badProperty.json().toString()).contains("since");

      assertThat(http.delete("/digitaltwins/room-1/relationships/r1").status()).isEqualTo(204);
      Http.Response gone = http.get("/digitaltwins/room-1/relationships/r1");
      assertThat(gone.status()).isEqualTo(404);
      assertThat(gone.errorCode()).isEqualTo("RELATIONSHIP_NOT_FOUND");
    });
  }

  @Test
  void listsRelationshipsByNameAndPageAndIncomingOnes() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "room-1", 20);
      Fixtures.createDevice(http, "dev-1");
      for (int i = 0; i < 5; i++) {
        Fixtures.contains(http, "room-1", "r" + i, "dev-1");
      }
      List<String> ids = new ArrayList<>();
      String link = "/digitaltwins/room-1/relationships?relationshipName=contains&maxItemsPerPage=2";
      int pages = 0;
      while (link != null) {
        JsonNode page = http.get(link).json();
        page.path("value").forEach(r -> ids.add(r.path("$relationshipId").asText()));
        link = page.path("nextLink").isTextual() ? page.path("nextLink").asText() : null;
        pages++;
      }
      assertThat(pages).isEqualTo(3);
      assertThat(ids).containsExactlyInAnyOrder("r0", "r1", "r2", "r3", "r4");
      assertThat(http.get("/digitaltwins/room-1/relationships?relationshipName=other").json().path("value"))
          .isEmpty();

      JsonNode incoming = http.get("/digitaltwins/dev-1/incomingrelationships").json();
      assertThat(incoming.path("value")).hasSize(5);
      JsonNode first = incoming.path("value").get(0);
      assertThat(first.path("$sourceId").asText()).isEqualTo("room-1");
      assertThat(first.path("$relationshipName").asText()).isEqualTo("contains");
      assertThat(first.path("$relationshipLink").asText()).contains("/digitaltwins/room-1/relationships/");
    });
  }

  @Test
  void rejectsARelationshipToAMissingTwin() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "room-1", 20);
      Http.Response response = http.put("/digitaltwins/room-1/relationships/r1",
          "{\"$targetId\":\"ghost\",\"$relationshipName\":\"contains\"}");
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("RELATIONSHIP_TARGET_NOT_FOUND");
      assertThat(response.json().toString()).contains("ghost");
    });
  }

  @Test
  void rejectsARelationshipOfAnUnknownName() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "room-1", 20);
      Fixtures.createDevice(http, "dev-1");
      Http.Response response = http.put("/digitaltwins/room-1/relationships/r1",
          "{\"$targetId\":\"dev-1\",\"$relationshipName\":\"owns\"}");
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
      assertThat(response.json().toString()).contains("owns");
      assertThat(http.get("/digitaltwins/room-1/relationships/r1").status()).isEqualTo(404);
    });
  }

  @Test
  void refusesToDeleteATwinThatStillHasRelationships() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "room-1", 20);
      Fixtures.createDevice(http, "dev-1");
      Fixtures.contains(http, "room-1", "r1", "dev-1");
      Http.Response target = http.delete("/digitaltwins/dev-1");
      assertThat(target.status()).isEqualTo(409);
      assertThat(target.errorCode()).isEqualTo("TWIN_HAS_RELATIONSHIPS");
      assertThat(http.delete("/digitaltwins/room-1").status()).isEqualTo(409);
      assertThat(http.delete("/digitaltwins/room-1/relationships/r1").status()).isEqualTo(204);
      assertThat(http.delete("/digitaltwins/dev-1").status()).isEqualTo(204);
    });
  }
}
