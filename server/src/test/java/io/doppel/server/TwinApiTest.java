package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TwinApiTest {

  @Test
  void createsReadsPatchesAndDeletesATwin() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Http.Response created = Fixtures.createRoom(http, "room-1", 20.5);
      assertThat(created.etag()).isNotBlank();
      assertThat(created.json().path("$dtId").asText()).isEqualTo("room-1");
      assertThat(created.json().path("$metadata").path("$model").asText()).isEqualTo(Fixtures.ROOM);

      Http.Response read = http.get("/digitaltwins/room-1?api-version=2023-10-31");
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.json().path("temperature").asDouble()).isEqualTo(20.5);
      assertThat(read.etag()).isEqualTo(created.etag());

      Http.Response patched = http.patch("/digitaltwins/room-1",
          "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":23.0}]");
      assertThat(patched.status()).isEqualTo(204);
      assertThat(patched.etag()).isNotEqualTo(created.etag());
      assertThat(http.get("/digitaltwins/room-1").json().path("temperature").asDouble()).isEqualTo(23.0);

      assertThat(http.delete("/digitaltwins/room-1").status()).isEqualTo(204);
      Http.Response gone = http.get("/digitaltwins/room-1");
      assertThat(gone.status()).isEqualTo(404);
      assertThat(gone.errorCode()).isEqualTo("TWIN_NOT_FOUND");
    });
  }

  @Test
  void honoursIfMatchAndIfNoneMatch() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      String etag = Fixtures.createRoom(http, "room-1", 20).etag();

      Http.Response createOnly = http.put("/digitaltwins/room-1", Fixtures.room("again", 1), "If-None-Match", "*");
      assertThat(createOnly.status()).isEqualTo(412);
      assertThat(createOnly.errorCode()).isEqualTo("PRECONDITION_FAILED");

      String patch = "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":30}]";
      Http.Response stale = http.patch("/digitaltwins/room-1", patch, "If-Match", "W/\"stale\"");
      assertThat(stale.status()).isEqualTo(412);
      assertThat(http.get("/digitaltwins/room-1").json().path("temperature").asDouble()).isEqualTo(20);

      assertThat(http.patch("/digitaltwins/room-1", patch, "If-Match", etag).status()).isEqualTo(204);
      assertThat(http.delete("/digitaltwins/room-1", "If-Match", etag).status()).isEqualTo(412);
      assertThat(http.delete("/digitaltwins/room-1", "If-Match", "*").status()).isEqualTo(204);
    });
  }

  @Test
  void rejectsATwinOfAnUnknownModel() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response response = http.put("/digitaltwins/x",
          "{\"$metadata\":{\"$model\":\"dtmi:test:Nope;1\"}}");
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
      assertThat(response.targets()).contains("/$metadata/$model");
      assertThat(http.get("/digitaltwins/x").status()).isEqualTo(404);
    });
  }

  @Test
  void rejectsAPropertyOfTheWrongTypeNamingItsPath() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Http.Response response = http.put("/digitaltwins/room-1", """
          {"$metadata":{"$model":"dtmi:test:Room;1"},"temperature":"hot","thermostat":{"$metadata":{}}}
          """);
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
      assertThat(response.targets()).contains("/temperature");
      assertThat(http.get("/digitaltwins/room-1").status()).isEqualTo(404);
    });
  }

  @Test
  void rejectsAnUnknownPropertyNamingItsPath() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Http.Response response = http.put("/digitaltwins/room-1", """
          {"$metadata":{"$model":"dtmi:test:Room;1"},"colour":"red","thermostat":{"$metadata":{}}}
          """);
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
      assertThat(response.targets()).contains("/colour");
    });
  }

  @Test
  void rejectsAPatchThatBreaksTheSchemaAndKeepsTheTwin() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      String etag = Fixtures.createRoom(http, "room-1", 20).etag();
      Http.Response response = http.patch("/digitaltwins/room-1",
          "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":20.1},"
              + "{\"op\":\"add\",\"path\":\"/floor\",\"value\":1.5}]");
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
      assertThat(response.targets()).contains("/floor");
      Http.Response after = http.get("/digitaltwins/room-1");
      assertThat(after.etag()).isEqualTo(etag);
      assertThat(after.json().path("temperature").asDouble()).isEqualTo(20);
    });
  }

  @Test
  void rejectsAPatchWithABadPathOrOperation() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "room-1", 20);
      Http.Response missing = http.patch("/digitaltwins/room-1",
          "[{\"op\":\"replace\",\"path\":\"/nothing/here\",\"value\":1}]");
      assertThat(missing.status()).isEqualTo(400);
      assertThat(missing.errorCode()).isIn("PATCH_INVALID", "VALIDATION_FAILED");
      assertThat(missing.json().toString()).contains("/nothing/here");

      Http.Response badOp = http.patch("/digitaltwins/room-1", "[{\"op\":\"frobnicate\",\"path\":\"/name\"}]");
      assertThat(badOp.status()).isEqualTo(400);
      assertThat(badOp.errorCode()).isEqualTo("PATCH_INVALID");

      Http.Response notAnArray = http.patch("/digitaltwins/room-1", "{\"op\":\"remove\"}");
      assertThat(notAnArray.status()).isEqualTo(400);
      assertThat(notAnArray.errorCode()).isEqualTo("INVALID_JSON");

      // ADT lets a patch move a twin to another model ($metadata/$model), validated as a whole: here it fails.
      Http.Response metadata = http.patch("/digitaltwins/room-1",
          "[{\"op\":\"replace\",\"path\":\"/$metadata/$model\",\"value\":\"dtmi:test:Device;1\"}]");
      assertThat(metadata.status()).isEqualTo(400);
      assertThat(metadata.errorCode()).isEqualTo("VALIDATION_FAILED");
      assertThat(metadata.targets()).contains("/temperature");
      Http.Response id = http.patch("/digitaltwins/room-1",
          "[{\"op\":\"replace\",\"path\":\"/$dtId\",\"value\":\"other\"}]");
      assertThat(id.status()).isEqualTo(400);
      assertThat(id.json().toString()).contains("$dtId");
      assertThat(http.get("/digitaltwins/room-1").json().path("$metadata").path("$model").asText())
          .isEqualTo(Fixtures.ROOM);
    });
  }

  @Test
  void readsAndPatchesAComponent() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "room-1", 20);
      Http.Response component = http.get("/digitaltwins/room-1/components/thermostat");
      assertThat(component.status()).isEqualTo(200);
      assertThat(component.json().path("setPoint").asDouble()).isEqualTo(21.0);
      assertThat(component.etag()).isNotBlank();

      Http.Response patched = http.patch("/digitaltwins/room-1/components/thermostat",
          "[{\"op\":\"replace\",\"path\":\"/setPoint\",\"value\":19.5}]");
      assertThat(patched.status()).isEqualTo(204);
      assertThat(http.get("/digitaltwins/room-1").json().path("thermostat").path("setPoint").asDouble())
          .isEqualTo(19.5);

      Http.Response wrongType = http.patch("/digitaltwins/room-1/components/thermostat",
          "[{\"op\":\"replace\",\"path\":\"/setPoint\",\"value\":\"warm\"}]");
      assertThat(wrongType.status()).isEqualTo(400);
      assertThat(wrongType.json().toString()).contains("setPoint");

      Http.Response unknown = http.get("/digitaltwins/room-1/components/nope");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.errorCode()).isEqualTo("COMPONENT_NOT_FOUND");
    });
  }

  @Test
  void listsEveryTwinPageByPage() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      for (int i = 0; i < 7; i++) {
        Fixtures.createDevice(http, "dev-" + i);
      }
      Set<String> seen = new HashSet<>();
      String link = "/digitaltwins?maxItemsPerPage=3";
      int pages = 0;
      while (link != null) {
        JsonNode page = http.get(link).json();
        page.path("value").forEach(t -> seen.add(t.path("$dtId").asText()));
        link = page.path("nextLink").isTextual() ? page.path("nextLink").asText() : null;
        pages++;
      }
      assertThat(pages).isEqualTo(3);
      assertThat(seen).hasSize(7);
      Http.Response bad = http.get("/digitaltwins?maxItemsPerPage=0");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.targets()).contains("maxItemsPerPage");
    });
  }
}
