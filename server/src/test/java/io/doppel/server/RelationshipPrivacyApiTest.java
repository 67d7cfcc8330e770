package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.auth.AuthConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Personal properties of a Relationship over real HTTP with authentication: a reader without {@code personal} gets
 * the pseudonym of {@code contactPhone} (the same one a twin property holding that value gets) and never
 * {@code contactName}, in relationship reads, {@code FROM RELATIONSHIPS} and JOIN projections, the change stream and
 * the change history; a filter on the clear value matches nothing for them; a caller holding {@code personal} sees
 * clear values.
 */
class RelationshipPrivacyApiTest {
  private static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
  private static final String PHONE = "+44 555 0100";
  private static final String MODELS = """
      [{"@context": ["dtmi:dtdl:context;3", "dtmi:io:doppel:privacy;1"], "@id": "dtmi:test:Pump;1",
        "@type": "Interface", "contents": [
         {"@type": ["Property", "Personal"], "name": "ownerPhone", "schema": "string"},
         {"@type": "Relationship", "name": "servicedBy", "properties": [
           {"@type": ["Property", "Personal"], "name": "contactPhone", "schema": "string", "writable": true},
           {"@type": ["Property", "PersonalDrop"], "name": "contactName", "schema": "string", "writable": true},
           {"@type": "Property", "name": "since", "schema": "string", "writable": true}]}]}]""";
  private static final String RELATIONSHIP = "{\"$targetId\":\"p2\",\"$relationshipName\":\"servicedBy\","
      + "\"contactPhone\":\"" + PHONE + "\",\"contactName\":\"Alice Example\",\"since\":\"2020\"}";

  private static Http seeded(Http http) {
    Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
    assertThat(admin.post("/models", MODELS).status()).isEqualTo(201);
    for (String id : List.of("p1", "p2")) {
      Http.Response put = admin.put("/digitaltwins/" + id,
          "{\"$metadata\":{\"$model\":\"dtmi:test:Pump;1\"},\"ownerPhone\":\"" + PHONE + "\"}");
      assertThat(put.status()).as(put.text()).isEqualTo(200);
    }
    assertThat(admin.put("/auth/policies/readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\",\"query\"]}")
        .status()).isEqualTo(200);
    assertThat(admin.put("/auth/policies/crm", "{\"roles\":[\"crm\"],\"actions\":[\"read\",\"query\",\"personal\"]}")
        .status()).isEqualTo(200);
    return admin;
  }

  private static void link(Http admin, String relId) {
    Http.Response put = admin.put("/digitaltwins/p1/relationships/" + relId, RELATIONSHIP);
    assertThat(put.status()).as(put.text()).isEqualTo(200);
  }

  private static Http as(Http http, Http admin, String role) {
    return http.withHeader("Authorization", "Bearer " + RouteAccessTest.key(admin, role));
  }

  /** The pseudonym of {@link #PHONE}, as a reader's query of a twin property gives it. */
  private static String pseudonym(Http reader) {
    String phone = rows(reader, "SELECT T.ownerPhone FROM DIGITALTWINS T WHERE T.$dtId = 'p1'")
        .get(0).path("ownerPhone").asText();
    assertThat(phone).matches("pn_[A-Za-z0-9_-]{22}");
    return phone;
  }

  private static List<JsonNode> rows(Http caller, String query) {
    Http.Response page = caller.post("/query", "{\"query\":\"" + query + "\"}");
    assertThat(page.status()).as(page.text()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    page.json().path("value").forEach(out::add);
    return out;
  }

  private static void assertTreated(JsonNode relationship, String pseudonym) {
    assertThat(relationship.toString()).doesNotContain(PHONE, "Alice Example", "contactName");
    assertThat(relationship.path("contactPhone").asText()).isEqualTo(pseudonym);
    assertThat(relationship.path("since").asText()).isEqualTo("2020"); // the rest is untouched
  }

  @Test
  void relationshipReadsAndQueriesGiveReadersPseudonymsAndThePersonalRightClearValues() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = seeded(http);
      link(admin, "r1");
      Http reader = as(http, admin, "reader");
      Http crm = as(http, admin, "crm");
      String pseudonym = pseudonym(reader);
      JsonNode marked = reader.get("/models/" + Http.enc("dtmi:test:Pump;1") + "/personal").json();
      assertThat(marked.path("relationships")).extracting(m -> m.path("relationship").asText() + "."
          + m.path("name").asText() + "=" + m.path("treatment").asText())
          .containsExactly("servicedBy.contactName=drop", "servicedBy.contactPhone=pseudonymise");

      Http.Response listed = reader.get("/digitaltwins/p1/relationships");
      assertThat(listed.status()).isEqualTo(200);
      assertTreated(listed.json().path("value").get(0), pseudonym);
      Http.Response one = reader.get("/digitaltwins/p1/relationships/r1");
      assertThat(one.status()).isEqualTo(200);
      assertTreated(one.json(), pseudonym);

      List<JsonNode> all = rows(reader, "SELECT R FROM RELATIONSHIPS R");
      assertThat(all).hasSize(1);
      assertTreated(all.get(0).path("R"), pseudonym);
      List<JsonNode> joined = rows(reader,
          "SELECT F FROM DIGITALTWINS S JOIN D RELATED S.servicedBy F WHERE S.$dtId = 'p1'");
      assertThat(joined).hasSize(1);
      assertTreated(joined.get(0).path("F"), pseudonym);
      List<JsonNode> matched = rows(reader,
          "SELECT F FROM DIGITALTWINS MATCH (S)-[F:servicedBy]->(D) WHERE S.$dtId = 'p1'");
      assertThat(matched).hasSize(1);
      assertTreated(matched.get(0).path("F"), pseudonym);
      assertThat(rows(reader, "SELECT D FROM DIGITALTWINS MATCH (S)-[F:servicedBy]->(D) WHERE F.contactPhone = '"
          + PHONE + "'")).isEmpty();
      // the filter sees what the reader sees: the clear value matches nothing, the pseudonym matches
      assertThat(rows(reader, "SELECT R FROM RELATIONSHIPS R WHERE R.contactPhone = '" + PHONE + "'")).isEmpty();
      assertThat(rows(reader, "SELECT R FROM RELATIONSHIPS R WHERE R.contactName = 'Alice Example'")).isEmpty();
      assertThat(rows(reader, "SELECT R FROM RELATIONSHIPS R WHERE R.contactPhone = '" + pseudonym + "'"))
          .hasSize(1);

      for (Http clear : List.of(crm, admin)) {
        JsonNode rel = clear.get("/digitaltwins/p1/relationships/r1").json();
        assertThat(rel.path("contactPhone").asText()).isEqualTo(PHONE);
        assertThat(rel.path("contactName").asText()).isEqualTo("Alice Example");
        assertThat(clear.get("/digitaltwins/p1/relationships").json().path("value").get(0).path("contactPhone")
            .asText()).isEqualTo(PHONE);
        assertThat(rows(clear, "SELECT R FROM RELATIONSHIPS R WHERE R.contactPhone = '" + PHONE + "'")).hasSize(1);
      }
    });
  }

  @Test
  void theChangeStreamAndTheChangeHistoryGiveReadersPseudonyms() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = seeded(http);
      Http reader = as(http, admin, "reader");
      String readerKey = "Bearer " + RouteAccessTest.key(admin, "reader");
      String crmKey = "Bearer " + RouteAccessTest.key(admin, "crm");
      String pseudonym = pseudonym(reader);
      try (SseClient readerSse = SseClient.connect(server.baseUri(), "/events", "Authorization", readerKey);
          SseClient crmSse = SseClient.connect(server.baseUri(), "/events", "Authorization", crmKey)) {
        assertThat(readerSse.status()).isEqualTo(200);
        link(admin, "r1");
        Http.Response patched = admin.patch("/digitaltwins/p1/relationships/r1",
            "[{\"op\":\"replace\",\"path\":\"/contactPhone\",\"value\":\"" + PHONE + "\"},"
                + "{\"op\":\"replace\",\"path\":\"/contactName\",\"value\":\"Bob Example\"}]");
        assertThat(patched.status()).as(patched.text()).isEqualTo(204);

        List<SseClient.Event> events = readerSse.take(2);
        JsonNode created = Http.MAPPER.readTree(events.get(0).data());
        assertThat(created.path("type").asText()).isEqualTo("io.doppel.relationship.created");
        assertTreated(created.path("data"), pseudonym);
        JsonNode patch = Http.MAPPER.readTree(events.get(1).data()).path("data").path("patch");
        assertThat(patch.toString()).doesNotContain(PHONE, "Bob Example", "contactName");
        assertThat(patch).extracting(op -> op.path("path").asText()).containsExactly("/contactPhone");
        assertThat(patch.get(0).path("value").asText()).isEqualTo(pseudonym);

        List<SseClient.Event> clear = crmSse.take(2);
        assertThat(clear.get(0).data()).contains(PHONE, "Alice Example");
        assertThat(clear.get(1).data()).contains(PHONE, "Bob Example");
      }

      Http.Response changes = reader.get("/digitaltwins/p1/changes");
      assertThat(changes.status()).as(changes.text()).isEqualTo(200);
      assertThat(changes.text()).doesNotContain(PHONE, "Alice Example", "Bob Example");
      List<JsonNode> relationshipChanges = new ArrayList<>();
      changes.json().path("value").forEach(c -> {
        if (c.has("relationshipId")) {
          relationshipChanges.add(c);
        }
      });
      assertThat(relationshipChanges).hasSize(2);
      assertThat(relationshipChanges.get(0).path("relationship").path("contactPhone").asText()).isEqualTo(pseudonym);
      assertThat(relationshipChanges.get(1).path("patch").get(0).path("value").asText()).isEqualTo(pseudonym);
      assertThat(admin.get("/digitaltwins/p1/changes").text()).contains(PHONE, "Bob Example");
    });
  }
}
