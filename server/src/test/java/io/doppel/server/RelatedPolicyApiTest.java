package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.auth.AuthConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Policies by relationship path: a site operator may read, query and write the twins their site contains, hop by
 * hop, and nothing else; a twin moved out of the site loses the grant at once, and one moved in gains it.
 */
class RelatedPolicyApiTest {
  private static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
  private static final String MODELS = """
      [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Space;1","@type":"Interface","contents":[
        {"@type":"Property","name":"status","schema":"string","writable":true},
        {"@type":"Relationship","name":"contains"},
        {"@type":"Relationship","name":"hosts"},
        {"@type":"Relationship","name":"feeds"}]}]""";
  private static final String SITE_POLICY = """
      {"roles":["site"],"actions":["read","write","query"],
       "related":{"from":"site-berlin*","relationships":["contains","hosts"],"maxHops":5}}""";

  private static void seed(Http admin) {
    assertThat(admin.post("/models", MODELS).status()).isEqualTo(201);
    for (String id : List.of("site-berlin", "floor-1", "room-1", "sensor-1", "pump-1", "site-paris", "room-p")) {
      assertThat(admin.put("/digitaltwins/" + id, """
          {"$metadata":{"$model":"dtmi:test:Space;1"},"status":"ok"}""").status()).isEqualTo(200);
    }
    link(admin, "site-berlin", "c1", "contains", "floor-1");
    link(admin, "floor-1", "c2", "contains", "room-1");
    link(admin, "room-1", "h1", "hosts", "sensor-1");
    link(admin, "sensor-1", "f1", "feeds", "pump-1"); // not a followed name: pump-1 stays outside
    link(admin, "site-paris", "c3", "contains", "room-p");
    assertThat(admin.put("/auth/policies/site-berlin", SITE_POLICY).status()).isEqualTo(200);
  }

  private static void link(Http admin, String source, String id, String name, String target) {
    assertThat(admin.put("/digitaltwins/" + source + "/relationships/" + id,
        "{\"$targetId\":\"" + target + "\",\"$relationshipName\":\"" + name + "\"}").status()).isEqualTo(200);
  }

  private static List<String> queried(Http caller) {
    List<String> ids = new ArrayList<>();
    caller.post("/query", "{\"query\":\"SELECT * FROM DIGITALTWINS\"}").json().path("value")
        .forEach(t -> ids.add(t.path("$dtId").asText()));
    return ids;
  }

  private static String setStatus(String value) {
    return "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"" + value + "\"}]";
  }

  @Test
  void aSiteOperatorWorksOnTheSubtreeOnlyAndLosesATwinMovedOut() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      seed(admin);
      Http site = http.withHeader("Authorization", "Bearer " + RouteAccessTest.key(admin, "site"));

      assertThat(site.get("/digitaltwins/site-berlin").status()).isEqualTo(200); // the root itself
      assertThat(site.get("/digitaltwins/sensor-1").status()).isEqualTo(200); // three hops
      assertThat(site.get("/digitaltwins/pump-1").status()).isEqualTo(403);
      assertThat(site.get("/digitaltwins/room-p").status()).isEqualTo(403);
      assertThat(site.patch("/digitaltwins/room-1", setStatus("checked")).status()).isEqualTo(204);
      assertThat(site.patch("/digitaltwins/room-p", setStatus("checked")).status()).isEqualTo(403);
      assertThat(admin.get("/digitaltwins/room-p").json().path("status").asText()).isEqualTo("ok");

      assertThat(queried(site)).containsExactlyInAnyOrder("site-berlin", "floor-1", "room-1", "sensor-1");
      List<String> listed = new ArrayList<>();
      site.get("/digitaltwins").json().path("value").forEach(t -> listed.add(t.path("$dtId").asText()));
      assertThat(listed).containsExactlyInAnyOrder("site-berlin", "floor-1", "room-1", "sensor-1");
      assertThat(queried(admin)).hasSize(7);

      // linking cannot widen the grant: pump-1 is outside, sensor-1 already inside
      Http.Response widen = site.put("/digitaltwins/sensor-1/relationships/h2",
          "{\"$targetId\":\"pump-1\",\"$relationshipName\":\"hosts\"}");
      assertThat(widen.status()).isEqualTo(403);
      assertThat(site.get("/digitaltwins/pump-1").status()).isEqualTo(403);
      assertThat(site.put("/digitaltwins/room-1/relationships/h3",
          "{\"$targetId\":\"sensor-1\",\"$relationshipName\":\"hosts\"}").status()).isEqualTo(200);
      // a name the policy does not follow extends nothing
      assertThat(site.put("/digitaltwins/sensor-1/relationships/f2",
          "{\"$targetId\":\"room-p\",\"$relationshipName\":\"feeds\"}").status()).isEqualTo(200);
      assertThat(site.get("/digitaltwins/room-p").status()).isEqualTo(403);

      // room-1 leaves the site: it and the sensor it hosts lose the grant
      assertThat(admin.delete("/digitaltwins/floor-1/relationships/c2").status()).isEqualTo(204);
      assertThat(admin.delete("/digitaltwins/room-1/relationships/h3").status()).isEqualTo(204);
      assertThat(site.get("/digitaltwins/room-1").status()).isEqualTo(403);
      assertThat(site.patch("/digitaltwins/sensor-1", setStatus("late")).status()).isEqualTo(403);
      assertThat(queried(site)).containsExactlyInAnyOrder("site-berlin", "floor-1");

      // room-p moves into the site: it gains the grant, room-1 keeps out
      link(admin, "floor-1", "c4", "contains", "room-p");
      assertThat(site.get("/digitaltwins/room-p").status()).isEqualTo(200);
      assertThat(queried(site)).containsExactlyInAnyOrder("site-berlin", "floor-1", "room-p");
      // property writes do not change what the site covers
      assertThat(admin.patch("/digitaltwins/room-p", setStatus("busy")).status()).isEqualTo(204);
      assertThat(site.get("/digitaltwins/room-p").json().path("status").asText()).isEqualTo("busy");
    });
  }

  @Test
  void maxHopsBoundsTheWalkAndTheChangeStreamFollowsTheSubtree() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      seed(admin);
      assertThat(admin.put("/auth/policies/near", """
          {"roles":["near"],"actions":["read","query"],"related":{"from":"site-*","maxHops":1}}""").status())
          .isEqualTo(200);
      Http near = http.withHeader("Authorization", "Bearer " + RouteAccessTest.key(admin, "near"));
      assertThat(queried(near)).containsExactlyInAnyOrder("site-berlin", "floor-1", "site-paris", "room-p");

      String siteKey = RouteAccessTest.key(admin, "site");
      SseClient events = SseClient.connect(server.baseUri(), "/events", "Authorization", "Bearer " + siteKey);
      assertThat(events.status()).isEqualTo(200);
      admin.patch("/digitaltwins/room-p", setStatus("outside"));
      admin.patch("/digitaltwins/pump-1", setStatus("outside"));
      admin.patch("/digitaltwins/sensor-1", setStatus("inside"));
      String seen = events.take(1).get(0).toString();
      assertThat(seen).contains("sensor-1").contains("inside").doesNotContain("room-p").doesNotContain("pump-1");
    });
  }

  /**
   * A twin created after the policy: it is under the path from the moment a relationship from a covered twin
   * reaches it, and not before, whoever creates it; each step below is what the related-only caller sees.
   */
  @Test
  void aTwinCreatedLaterIsCoveredOnceARelationshipPutsItUnderThePath() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      seed(admin);
      String siteKey = RouteAccessTest.key(admin, "site");
      Http site = http.withHeader("Authorization", "Bearer " + siteKey);
      String room = "{\"$metadata\":{\"$model\":\"dtmi:test:Space;1\"},\"status\":\"new\"}";
      try (SseClient events = SseClient.connect(server.baseUri(), "/events", "Authorization", "Bearer " + siteKey)) {
        assertThat(events.status()).isEqualTo(200);
        // 1. the caller may not create it: a twin that does not exist is reachable from nothing
        assertThat(site.put("/digitaltwins/room-2", room).status()).isEqualTo(403);
        // 2. created by someone else, it is outside the path: no read, no query row, no event
        assertThat(admin.put("/digitaltwins/room-2", room).status()).isEqualTo(200);
        assertThat(site.get("/digitaltwins/room-2").status()).isEqualTo(403);
        assertThat(queried(site)).doesNotContain("room-2");
        // 3. the caller may not link it in: linking cannot widen what they may do
        Http.Response link = site.put("/digitaltwins/floor-1/relationships/c9",
            "{\"$targetId\":\"room-2\",\"$relationshipName\":\"contains\"}");
        assertThat(link.status()).isEqualTo(403);
        // 4. linked by someone holding both ends, it is covered at the caller's next request and event
        link(admin, "floor-1", "c9", "contains", "room-2");
        assertThat(site.get("/digitaltwins/room-2").status()).isEqualTo(200);
        assertThat(queried(site)).contains("room-2");
        assertThat(site.patch("/digitaltwins/room-2", setStatus("ready")).status()).isEqualTo(204);
        List<String> seen = new ArrayList<>();
        while (seen.stream().noneMatch(e -> e.contains("ready"))) {
          seen.add(events.take(1).get(0).data());
        }
        // the creation and the first write came before room-2 was under the path: they were never sent
        assertThat(seen).noneMatch(e -> e.contains("io.doppel.twin.created"));
        assertThat(seen.getLast()).contains("room-2", "io.doppel.twin.patched");
      }
      // 5. to grow the subtree themselves, operators also need a policy by id (or model) granting the path
      // policy's actions on the new twin: then they create it and link it, and it is under the path for everyone
      assertThat(admin.put("/auth/policies/site-builders", """
          {"roles":["builder"],"actions":["read","write","query"],"twins":"room-new-*"}""").status())
          .isEqualTo(200);
      Http.Response key = admin.post("/auth/keys", "{\"name\":\"builder\",\"roles\":[\"site\",\"builder\"]}");
      assertThat(key.status()).as(key.text()).isEqualTo(201);
      Http builder = http.withHeader("Authorization", "Bearer " + key.json().path("key").asText());
      assertThat(builder.put("/digitaltwins/room-new-1", room).status()).isEqualTo(200);
      assertThat(builder.put("/digitaltwins/floor-1/relationships/c10",
          "{\"$targetId\":\"room-new-1\",\"$relationshipName\":\"contains\"}").status()).isEqualTo(200);
      assertThat(site.get("/digitaltwins/room-new-1").status()).isEqualTo(200);
      // and deleting the relationship puts it out again
      assertThat(admin.delete("/digitaltwins/floor-1/relationships/c10").status()).isEqualTo(204);
      assertThat(site.get("/digitaltwins/room-new-1").status()).isEqualTo(403);
    });
  }

  @Test
  void aMalformedRelatedSelectorIsRefusedNamingTheField() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      String[][] cases = {
          {"{\"from\":\"site-*\",\"maxHops\":101}", "/related/maxHops"},
          {"{\"from\":\"site-*\",\"maxHops\":-1}", "/related/maxHops"},
          {"{\"from\":\"site-*\",\"maxHops\":\"five\"}", "/related/maxHops"},
          {"{\"relationships\":[\"contains\"]}", "/related/from"},
          {"{\"from\":\"site-*\",\"relationships\":\"contains\"}", "/related/relationships"},
          {"{\"from\":\"site-*\",\"relationships\":[\"\"]}", "/related/relationships/0"},
          {"{\"from\":\"site-*\",\"depth\":2}", "/related/depth"},
          {"\"site-*\"", "/related"}};
      for (String[] c : cases) {
        Http.Response refused = admin.put("/auth/policies/bad",
            "{\"roles\":[\"r\"],\"actions\":[\"read\"],\"related\":" + c[0] + "}");
        assertThat(refused.status()).as(c[0]).isEqualTo(400);
        assertThat(refused.json().path("error").path("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(refused.targets()).as(c[0]).contains(c[1]);
      }
      JsonNode stored = admin.put("/auth/policies/good", """
          {"roles":["r"],"actions":["read"],"related":{"from":"site-*"}}""").json();
      assertThat(stored.path("related").path("maxHops").asInt()).isEqualTo(10);
      assertThat(admin.get("/auth/policies/good").json().path("related").path("from").asText()).isEqualTo("site-*");
    });
  }
}
