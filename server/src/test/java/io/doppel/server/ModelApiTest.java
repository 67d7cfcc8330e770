package io.doppel.server;

import static io.doppel.server.Http.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelApiTest {

  @Test
  void uploadsABatchAndAnswersWithEveryModel() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response added = http.post("/models?api-version=2023-10-31", Fixtures.MODELS);
      assertThat(added.status()).isEqualTo(201);
      List<String> ids = new ArrayList<>();
      added.json().forEach(m -> ids.add(m.path("id").asText()));
      assertThat(ids).containsExactlyInAnyOrder(Fixtures.THERMOSTAT, Fixtures.DEVICE, Fixtures.ROOM);
    });
  }

  @Test
  void getsOneModelWithItsDefinitionOnRequest() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      JsonNode plain = http.get("/models/" + enc(Fixtures.ROOM)).json();
      assertThat(plain.path("id").asText()).isEqualTo(Fixtures.ROOM);
      assertThat(plain.path("decommissioned").asBoolean()).isFalse();
      assertThat(plain.has("model")).isFalse();
      assertThat(plain.path("displayName").path("en").asText()).isEqualTo("Room");

      JsonNode full = http.get("/models/" + enc(Fixtures.ROOM) + "?includeModelDefinition=true").json();
      assertThat(full.path("model").path("@id").asText()).isEqualTo(Fixtures.ROOM);
    });
  }

  @Test
  void pagesTheModelListWithNextLink() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      List<String> seen = new ArrayList<>();
      String link = "/models?maxItemsPerPage=2";
      int pages = 0;
      while (link != null) {
        JsonNode page = http.get(link).json();
        page.path("value").forEach(m -> seen.add(m.path("id").asText()));
        link = page.path("nextLink").isTextual() ? page.path("nextLink").asText() : null;
        pages++;
      }
      assertThat(pages).isEqualTo(2);
      assertThat(seen).containsExactly(Fixtures.DEVICE, Fixtures.ROOM, Fixtures.THERMOSTAT);
    });
  }

  @Test
  void listsOnlyTheDependenciesOfTheRequestedModel() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      List<String> ids = new ArrayList<>();
      http.get("/models?dependenciesFor=" + enc(Fixtures.ROOM)).json().path("value")
          .forEach(m -> ids.add(m.path("id").asText()));
      assertThat(ids).containsExactly(Fixtures.ROOM, Fixtures.THERMOSTAT);
    });
  }

  @Test
  void rejectsAnInvalidBatchWholeNamingTheProblem() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response response = http.post("/models", """
          [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Ok;1","@type":"Interface","contents":[]},
           {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Bad;1","@type":"Interface",
            "contents":[{"@type":"Property","name":"x","schema":"notAType"}]}]
          """);
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("MODEL_INVALID");
      assertThat(response.json().path("error").path("details").size()).isPositive();
      assertThat(http.get("/models/" + enc("dtmi:test:Ok;1")).status()).isEqualTo(404);
    });
  }

  @Test
  void rejectsAModelThatAlreadyExists() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Http.Response again = http.post("/models", Fixtures.MODELS);
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.errorCode()).isEqualTo("MODEL_ALREADY_EXISTS");
    });
  }

  @Test
  void rejectsAMalformedDtmiInThePath() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response response = http.get("/models/not-a-dtmi");
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("INVALID_ARGUMENT");
      assertThat(response.targets()).contains("id");
      assertThat(http.get("/models/" + enc("dtmi:test:Missing;1")).errorCode()).isEqualTo("MODEL_NOT_FOUND");
    });
  }

  @Test
  void rejectsABatchThatIsNotAnArrayOfObjects() throws Exception {
    TestServer.test((server, http) -> {
      Http.Response response = http.post("/models", "[1]");
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("INVALID_JSON");
      assertThat(response.targets()).contains("/0");
      assertThat(http.post("/models", "{}").errorCode()).isEqualTo("INVALID_JSON");
    });
  }

  @Test
  void decommissionsAModelSoNoNewTwinUsesIt() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Http.Response done = http.patch("/models/" + enc(Fixtures.DEVICE),
          "[{\"op\":\"replace\",\"path\":\"/decommissioned\",\"value\":true}]");
      assertThat(done.status()).isEqualTo(204);
      assertThat(http.get("/models/" + enc(Fixtures.DEVICE)).json().path("decommissioned").asBoolean()).isTrue();
      Http.Response twin = http.put("/digitaltwins/d1", Fixtures.device("x"));
      assertThat(twin.status()).isEqualTo(400);
      assertThat(twin.errorCode()).isEqualTo("MODEL_DECOMMISSIONED");
    });
  }

  @Test
  void rejectsADecommissionPatchOfAnythingElse() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Http.Response response = http.patch("/models/" + enc(Fixtures.DEVICE),
          "[{\"op\":\"replace\",\"path\":\"/displayName\",\"value\":\"x\"}]");
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("PATCH_INVALID");
      assertThat(response.targets()).contains("/0");
    });
  }

  @Test
  void deletesAModelUnlessAnotherModelUsesIt() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Http.Response inUse = http.delete("/models/" + enc(Fixtures.THERMOSTAT));
      assertThat(inUse.status()).isEqualTo(409);
      assertThat(inUse.errorCode()).isEqualTo("MODEL_IN_USE");
      assertThat(http.delete("/models/" + enc(Fixtures.ROOM)).status()).isEqualTo(204);
      assertThat(http.get("/models/" + enc(Fixtures.ROOM)).status()).isEqualTo(404);
    });
  }
}
