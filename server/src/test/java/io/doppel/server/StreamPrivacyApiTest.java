package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.auth.AuthConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Personal properties in the change stream ({@code /events}, SSE and WebSocket) and the change history
 * ({@code .../changes}) as queries give them: a reader without {@code personal} gets the same pseudonyms for
 * {@code Personal} values (in documents, patches and the state {@code where} tests) and never a {@code PersonalDrop}
 * one; a caller holding {@code personal} sees clear values; property-level policies hide properties there too.
 */
class StreamPrivacyApiTest {
  private static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
  private static final String PHONE = "+44 555 0100";
  private static final String MODELS = """
      [{"@context": ["dtmi:dtdl:context;3", "dtmi:io:doppel:privacy;1"], "@id": "dtmi:test:Contact;1",
        "@type": "Interface", "contents": [
         {"@type": ["Property", "Personal"], "name": "email", "schema": "string", "writable": true}]},
       {"@context": ["dtmi:dtdl:context;3", "dtmi:io:doppel:privacy;1"], "@id": "dtmi:test:Service;1",
        "@type": "Interface", "contents": [
         {"@type": "Property", "name": "status", "schema": "string", "writable": true},
         {"@type": "Property", "name": "cost", "schema": "double", "writable": true},
         {"@type": ["Property", "Personal"], "name": "ownerPhone", "schema": "string", "writable": true},
         {"@type": ["Property", "PersonalDrop"], "name": "ownerName", "schema": "string", "writable": true},
         {"@type": "Component", "name": "contact", "schema": "dtmi:test:Contact;1"}]}]""";

  private static Http seeded(Http http) {
    Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
    assertThat(admin.post("/models", MODELS).status()).isEqualTo(201);
    assertThat(admin.put("/auth/policies/readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\",\"query\"],"
        + "\"exceptProperties\":[\"cost\"]}").status()).isEqualTo(200);
    assertThat(admin.put("/auth/policies/crm", "{\"roles\":[\"crm\"],\"actions\":[\"read\",\"query\",\"personal\"]}")
        .status()).isEqualTo(200);
    create(admin, "svc-1");
    return admin;
  }

  private static void create(Http admin, String id) {
    Http.Response put = admin.put("/digitaltwins/" + id, "{\"$metadata\":{\"$model\":\"dtmi:test:Service;1\"},"
        + "\"status\":\"running\",\"cost\":3.5,\"ownerPhone\":\"" + PHONE + "\",\"ownerName\":\"Alice Example\","
        + "\"contact\":{\"$metadata\":{},\"email\":\"alice@example.org\"}}");
    assertThat(put.status()).as(put.text()).isEqualTo(200);
  }

  private static void patch(Http admin, String id, String ops) {
    Http.Response r = admin.patch("/digitaltwins/" + id, ops);
    assertThat(r.status()).as(r.text()).isEqualTo(204);
  }

  /** The pseudonyms a reader's query gives: the stream must give the same. */
  private static JsonNode queried(Http reader) {
    Http.Response page = reader.post("/query", "{\"query\":\"SELECT T FROM DIGITALTWINS T WHERE T.$dtId = 'svc-1'\"}");
    assertThat(page.status()).as(page.text()).isEqualTo(200);
    return page.json().path("value").get(0).path("T");
  }

  private static String key(Http admin, String role) {
    return "Bearer " + RouteAccessTest.key(admin, role);
  }

  /** Sets the phone (Personal), the name (PersonalDrop), the e-mail (Component member, Personal) and the cost. */
  private static final String PERSONAL_PATCH = "[{\"op\":\"replace\",\"path\":\"/ownerPhone\",\"value\":\"" + PHONE
      + "\"},{\"op\":\"replace\",\"path\":\"/ownerName\",\"value\":\"Bob Example\"},"
      + "{\"op\":\"replace\",\"path\":\"/contact/email\",\"value\":\"alice@example.org\"},"
      + "{\"op\":\"replace\",\"path\":\"/cost\",\"value\":4.5},{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"x\"}]";

  /** A CloudEvent's {@code data}, or a change entry's {@code twin} / {@code patch}: treated as a reader's query. */
  private static void assertTreated(JsonNode event, JsonNode pseudonyms) {
    String text = event.toString();
    // texts a pseudonym cannot hold (spaces, '@', quotes): never a chance match
    assertThat(text).doesNotContain(PHONE, "Alice Example", "Bob Example", "@example.org", "\"ownerName\"",
        "\"cost\"");
    JsonNode data = event.has("data") ? event.path("data") : event.has("twin") ? event.path("twin") : event;
    if (data.has("patch")) {
      assertThat(data.path("patch")).extracting(op -> op.path("path").asText())
          .containsExactly("/ownerPhone", "/contact/email", "/status");
      assertThat(data.path("patch").get(0).path("value").asText()).isEqualTo(pseudonyms.path("ownerPhone").asText());
      assertThat(data.path("patch").get(1).path("value").asText())
          .isEqualTo(pseudonyms.path("contact").path("email").asText());
    } else {
      assertThat(data.path("ownerPhone").asText()).isEqualTo(pseudonyms.path("ownerPhone").asText());
      assertThat(data.path("contact").path("email").asText()).isEqualTo(pseudonyms.path("contact").path("email")
          .asText());
    }
  }

  @Test
  void sseAndWebSocketGiveReadersPseudonymsAndThePersonalRightClearValues() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = seeded(http);
      String reader = key(admin, "reader");
      String crm = key(admin, "crm");
      JsonNode pseudonyms = queried(http.withHeader("Authorization", reader));
      assertThat(pseudonyms.path("ownerPhone").asText()).startsWith("pn_");
      try (SseClient readerSse = SseClient.connect(server.baseUri(), "/events?twin=svc-1&twin=svc-2",
              "Authorization", reader);
          WsClient readerWs = WsClient.connect(server.baseUri(), "/events?twin=svc-1&twin=svc-2",
              "Authorization", reader);
          SseClient crmSse = SseClient.connect(server.baseUri(), "/events?twin=svc-1", "Authorization", crm)) {
        assertThat(readerSse.status()).isEqualTo(200);
        readerWs.startReading();
        patch(admin, "svc-1", PERSONAL_PATCH);
        create(admin, "svc-2"); // same values: the same pseudonyms in a whole document

        List<SseClient.Event> sse = readerSse.take(2);
        List<String> ws = readerWs.take(2);
        for (int i = 0; i < 2; i++) {
          assertTreated(Http.MAPPER.readTree(sse.get(i).data()), pseudonyms);
          assertTreated(Http.MAPPER.readTree(ws.get(i)), pseudonyms);
        }
        JsonNode clear = Http.MAPPER.readTree(crmSse.take(1).get(0).data());
        assertThat(clear.path("data").path("patch").toString()).contains(PHONE, "Bob Example", "alice@example.org");
        assertThat(clear.path("data").path("patch").toString()).contains("cost"); // crm's policy hides nothing
      }
    });
  }

  @Test
  void aWhereConditionSeesPseudonymsNotClearValues() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = seeded(http);
      String reader = key(admin, "reader");
      String pseudonym = queried(http.withHeader("Authorization", reader)).path("ownerPhone").asText();
      // The marker twin passes both; svc-1's patch only the condition on its pseudonym.
      String byClear = where("ownerPhone = '" + PHONE + "' OR status = 'marker'");
      String byPseudonym = where("ownerPhone = '" + pseudonym + "' OR status = 'marker'");
      try (SseClient clear = SseClient.connect(server.baseUri(), "/events?type=io.doppel.twin.patched&" + byClear,
              "Authorization", reader);
          SseClient pseudo = SseClient.connect(server.baseUri(), "/events?type=io.doppel.twin.patched&"
              + byPseudonym, "Authorization", reader)) {
        patch(admin, "svc-1", "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"idle\"}]");
        create(admin, "svc-9");
        patch(admin, "svc-9", "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"marker\"}]");
        assertThat(Http.MAPPER.readTree(clear.take(1).get(0).data()).path("subject").asText()).isEqualTo("svc-9");
        List<SseClient.Event> both = pseudo.take(2);
        assertThat(Http.MAPPER.readTree(both.get(0).data()).path("subject").asText()).isEqualTo("svc-1");
      }
    });
  }

  @Test
  void theChangeHistoryGivesReadersPseudonymsInDocumentsAndPatches() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = seeded(http);
      Http reader = http.withHeader("Authorization", key(admin, "reader"));
      Http crm = http.withHeader("Authorization", key(admin, "crm"));
      JsonNode pseudonyms = queried(reader);
      patch(admin, "svc-1", PERSONAL_PATCH);
      patch(admin, "svc-1", "[{\"op\":\"replace\",\"path\":\"/contact\",\"value\":{\"$metadata\":{},"
          + "\"email\":\"alice@example.org\"}}]");

      Http.Response changes = reader.get("/digitaltwins/svc-1/changes");
      assertThat(changes.status()).as(changes.text()).isEqualTo(200);
      JsonNode value = changes.json().path("value");
      assertThat(value.size()).isEqualTo(3);
      assertTreated(value.get(0), pseudonyms); // twin.created: the document
      assertThat(value.get(0).path("twin").path("ownerPhone").asText()).isEqualTo(pseudonyms.path("ownerPhone")
          .asText());
      assertTreated(value.get(1), pseudonyms); // twin.patched: the patch
      JsonNode component = value.get(2).path("patch").get(0).path("value");
      assertThat(component.path("email").asText()).isEqualTo(pseudonyms.path("contact").path("email").asText());

      String clear = crm.get("/digitaltwins/svc-1/changes").text();
      assertThat(clear).contains(PHONE, "Bob Example", "alice@example.org");
    });
  }

  private static String where(String condition) {
    return "where=" + URLEncoder.encode(condition, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
