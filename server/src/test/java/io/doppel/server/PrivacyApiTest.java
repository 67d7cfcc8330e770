package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.auth.Access;
import io.doppel.server.auth.AuthConfig;
import io.doppel.sim.twin.SimGraph;
import io.doppel.sim.twin.SimTwin;
import io.doppel.twin.GraphSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personal properties over real HTTP with authentication: a reader without {@code personal} gets pseudonyms for
 * {@code ownerPhone} (and the Component's {@code email}) and never {@code ownerName}, in CSV and JSON-lines query
 * exports, queries, the twin listing, history reads and exports, and scenario forks; equal values give equal
 * pseudonyms; a caller holding {@code personal} (and the admin, and the open demo) see clear values.
 */
class PrivacyApiTest {
  private static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
  private static final String CONTEXT = """
      "@context": ["dtmi:dtdl:context;3", "dtmi:io:doppel:sim;1", "dtmi:io:doppel:privacy;1"]""";
  private static final String MODELS = """
      [{%1$s, "@id": "dtmi:test:Contact;1", "@type": "Interface", "contents": [
         {"@type": ["Property", "Personal"], "name": "email", "schema": "string"}]},
       {%1$s, "@id": "dtmi:test:Users;1", "@type": ["Interface", "SimSource"], "contents": [
         {"@type": ["Property", "ArrivalRate"], "name": "rate", "schema": "double"},
         {"@type": ["Relationship", "SimFlow"], "name": "sends"}]},
       {%1$s, "@id": "dtmi:test:Service;1", "@type": ["Interface", "SimStation"], "contents": [
         {"@type": ["Property", "Replicas"], "name": "replicas", "schema": "integer"},
         {"@type": ["Property", "MeanServiceTime"], "name": "serviceTime", "schema": "double"},
         {"@type": "Property", "name": "status", "schema": "string", "writable": true},
         {"@type": ["Property", "Personal"], "name": "ownerPhone", "schema": "string", "writable": true},
         {"@type": ["Property", "PersonalDrop"], "name": "ownerName", "schema": "string", "writable": true},
         {"@type": "Component", "name": "contact", "schema": "dtmi:test:Contact;1"}]}]""".formatted(CONTEXT);
  private static final String SERVICE = "dtmi:test:Service;1";
  private static final String ALL_SERVICES =
      "SELECT T FROM DIGITALTWINS T WHERE IS_OF_MODEL('" + SERVICE + "')";
  private static final String RANGE = "from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";

  private static void seed(Http admin) {
    assertThat(admin.post("/models", MODELS).status()).isEqualTo(201);
    twin(admin, "users", "dtmi:test:Users;1", "\"rate\": 2.0");
    twin(admin, "svc-1", SERVICE, """
        "replicas": 2, "serviceTime": 0.1, "status": "running", "ownerPhone": "+44 555 0100",
        "ownerName": "Alice Example", "contact": {"$metadata": {}, "email": "alice@example.org"}""");
    twin(admin, "svc-2", SERVICE, """
        "replicas": 1, "serviceTime": 0.2, "status": "idle", "ownerPhone": "+44 555 0100",
        "ownerName": "Alice Example", "contact": {"$metadata": {}, "email": "alice@example.org"}""");
    twin(admin, "svc-3", SERVICE, """
        "replicas": 1, "serviceTime": 0.1, "status": "idle", "ownerPhone": "+44 555 0300",
        "ownerName": "Bob Example", "contact": {"$metadata": {}, "email": "bob@example.org"}""");
    assertThat(admin.put("/digitaltwins/users/relationships/u1",
        "{\"$targetId\":\"svc-1\",\"$relationshipName\":\"sends\"}").status()).isEqualTo(200);
    policy(admin, "readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\",\"query\"]}");
    policy(admin, "crm", "{\"roles\":[\"crm\"],\"actions\":[\"read\",\"query\",\"personal\"]}");
    policy(admin, "planners", "{\"roles\":[\"planner\"],\"actions\":[\"read\",\"simulate\"]}");
    policy(admin, "crm-planners", "{\"roles\":[\"crm-planner\"],\"actions\":[\"read\",\"simulate\",\"personal\"]}");
  }

  private static void twin(Http admin, String id, String model, String properties) {
    Http.Response put = admin.put("/digitaltwins/" + id,
        "{\"$metadata\":{\"$model\":\"" + model + "\"}," + properties + "}");
    assertThat(put.status()).as(put.text()).isEqualTo(200);
  }

  private static void policy(Http admin, String id, String body) {
    assertThat(admin.put("/auth/policies/" + id, body).status()).isEqualTo(200);
  }

  private static Http as(Http http, Http admin, String role) {
    return http.withHeader("Authorization", "Bearer " + RouteAccessTest.key(admin, role));
  }

  private static Http.Response export(Http caller, String query, String format) {
    return caller.post("/query?format=" + format, "{\"query\":\"" + query + "\"}");
  }

  /** CSV rows of {@code SELECT T} keyed by {@code $dtId}, each a column (without {@code T.}) → cell map. */
  private static Map<String, Map<String, String>> csvById(String text) {
    List<List<String>> records = CsvRecords.parse(text);
    List<String> header = records.getFirst();
    Map<String, Map<String, String>> out = new HashMap<>();
    for (List<String> record : records.subList(1, records.size())) {
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i).substring("T.".length()), record.get(i));
      }
      out.put(row.get("$dtId"), row);
    }
    return out;
  }

  private static Map<String, JsonNode> jsonLinesById(String text) throws Exception {
    Map<String, JsonNode> out = new HashMap<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        JsonNode row = Http.MAPPER.readTree(line).path("T");
        out.put(row.path("$dtId").asText(), row);
      }
    }
    return out;
  }

  @Test
  void readersExportPseudonymsAndNeverTheDroppedProperty() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      seed(admin);
      Http reader = as(http, admin, "reader");

      Http.Response csv = export(reader, ALL_SERVICES, "csv");
      assertThat(csv.status()).as(csv.text()).isEqualTo(200);
      assertThat(csv.text()).doesNotContain("555", "Alice", "Bob", "example.org", "ownerName");
      Map<String, Map<String, String>> rows = csvById(csv.text());
      assertThat(rows).containsOnlyKeys("svc-1", "svc-2", "svc-3");
      String phone1 = rows.get("svc-1").get("ownerPhone");
      assertThat(phone1).matches("pn_[A-Za-z0-9_-]{22}");
      assertThat(rows.get("svc-2").get("ownerPhone")).isEqualTo(phone1);       // equal values, equal pseudonyms
      assertThat(rows.get("svc-3").get("ownerPhone")).startsWith("pn_").isNotEqualTo(phone1);
      assertThat(rows.get("svc-1").get("contact.email")).startsWith("pn_")
          .isEqualTo(rows.get("svc-2").get("contact.email")).isNotEqualTo(phone1);
      assertThat(rows.get("svc-1").get("status")).isEqualTo("running");        // the rest is untouched

      Http.Response lines = export(reader, ALL_SERVICES, "jsonl");
      assertThat(lines.status()).isEqualTo(200);
      assertThat(lines.text()).doesNotContain("555", "Alice", "example.org", "ownerName");
      Map<String, JsonNode> docs = jsonLinesById(lines.text());
      assertThat(docs.get("svc-2").path("ownerPhone").asText()).isEqualTo(phone1);
      assertThat(docs.get("svc-1").path("$metadata").has("ownerName")).isFalse();
      assertThat(docs.get("svc-1").path("replicas").asInt()).isEqualTo(2);

      // queries run on the same view: a projection is a pseudonym, a filter on a pseudonym matches (group-bys and
      // joins work on pseudonyms), a filter on the clear value matches nothing
      JsonNode projected = reader.post("/query", "{\"query\":\"SELECT T.ownerPhone, T.ownerName FROM DIGITALTWINS T"
          + " WHERE T.$dtId = 'svc-1'\"}").json().path("value");
      assertThat(projected.toString()).contains(phone1).doesNotContain("555", "Alice");
      assertThat(reader.post("/query", "{\"query\":\"SELECT T.$dtId FROM DIGITALTWINS T WHERE T.ownerPhone = '"
          + phone1 + "'\"}").json().path("value")).hasSize(2);
      assertThat(reader.post("/query", "{\"query\":\"SELECT T FROM DIGITALTWINS T WHERE T.ownerPhone = "
          + "'+44 555 0100'\"}").json().path("value")).isEmpty();
      // with an index on the property the answers stay the same: the reader's queries do not use it
      assertThat(admin.put("/indexes/ownerPhone", "").status()).isIn(200, 201);
      assertThat(reader.post("/query", "{\"query\":\"SELECT T.$dtId FROM DIGITALTWINS T WHERE T.ownerPhone = '"
          + phone1 + "'\"}").json().path("value")).hasSize(2);
      assertThat(reader.post("/query", "{\"query\":\"SELECT T FROM DIGITALTWINS T WHERE T.ownerPhone = "
          + "'+44 555 0100'\"}").json().path("value")).isEmpty();
      assertThat(admin.post("/query", "{\"query\":\"SELECT T FROM DIGITALTWINS T WHERE T.ownerPhone = "
          + "'+44 555 0100'\"}").json().path("value")).hasSize(2);

      // the listing is a bulk read too; one twin read by id keeps its values (policy filtering only)
      String listing = reader.get("/digitaltwins").text();
      assertThat(listing).contains(phone1).doesNotContain("555", "Alice", "ownerName");
      assertThat(reader.get("/digitaltwins/svc-1").json().path("ownerPhone").asText()).isEqualTo("+44 555 0100");

      // history: the pseudonymised series reads and exports as pseudonyms, the dropped one is not there
      String history = reader.get("/digitaltwins/svc-1/history/export?" + RANGE).text();
      assertThat(history).contains("ownerPhone," + phone1).contains("status,running")
          .doesNotContain("555", "Alice", "ownerName", "example.org");
      String jsonl = reader.get("/digitaltwins/svc-1/history/export?format=jsonl&" + RANGE).text();
      assertThat(jsonl).contains("\"v\":\"" + phone1 + "\"").doesNotContain("555", "Alice");
      assertThat(reader.get("/digitaltwins/svc-1/history?name=ownerPhone&" + RANGE).json().path("points").get(0)
          .path("v").asText()).isEqualTo(phone1);
      assertThat(reader.get("/digitaltwins/svc-1/history/latest").text()).contains(phone1)
          .doesNotContain("555", "Alice", "ownerName");
      assertThat(reader.get("/digitaltwins/svc-1/history?name=ownerName&" + RANGE).status()).isEqualTo(403);
      assertThat(reader.get("/digitaltwins/svc-1/history/export?name=ownerName&" + RANGE).status()).isEqualTo(403);
      assertThat(admin.get("/digitaltwins/svc-1/history/export?" + RANGE).text()).contains("Alice Example");

      // callers holding 'personal', and the admin, export clear values
      Http crm = as(http, admin, "crm");
      for (Http clear : List.of(crm, admin)) {
        Map<String, Map<String, String>> seen = csvById(export(clear, ALL_SERVICES, "csv").text());
        assertThat(seen.get("svc-1").get("ownerPhone")).isEqualTo("+44 555 0100");
        assertThat(seen.get("svc-1").get("ownerName")).isEqualTo("Alice Example");
        assertThat(seen.get("svc-1").get("contact.email")).isEqualTo("alice@example.org");
      }
      assertThat(crm.get("/digitaltwins/svc-1/history/export?" + RANGE).text()).contains("+44 555 0100");

      // a deleted twin's history keeps its treatment
      assertThat(admin.delete("/digitaltwins/svc-3").status()).isEqualTo(204);
      String gone = reader.get("/digitaltwins/svc-3/history/export?" + RANGE).text();
      assertThat(gone).contains("ownerPhone,pn_").doesNotContain("555", "Bob", "ownerName");

      // the catalog's answer
      JsonNode personal = reader.get("/models/" + Http.enc(SERVICE) + "/personal").json().path("value");
      List<String> paths = new ArrayList<>();
      personal.forEach(p -> paths.add(p.path("path").asText() + "=" + p.path("treatment").asText()));
      assertThat(paths).containsExactly("ownerPhone=pseudonymise", "ownerName=drop", "contact.email=pseudonymise");
      assertThat(reader.get("/models/" + Http.enc("dtmi:test:Nope;1") + "/personal").status()).isEqualTo(404);
    });
  }

  @Test
  void aScenarioForkHoldsNoClearPersonalValue() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      seed(admin);
      String plannerKey = RouteAccessTest.key(admin, "planner");
      Http planner = http.withHeader("Authorization", "Bearer " + plannerKey);
      Access plannerAccess = server.accessControl().access(server.accessControl().authenticate(plannerKey));
      try (GraphSnapshot snapshot = server.engine().snapshot()) {
        SimGraph fork = ScenarioRuns.fork(snapshot, plannerAccess);
        List<SimTwin> twins = fork.twins();
        assertThat(twins).extracting(SimTwin::id).contains("svc-1", "svc-2", "svc-3");
        for (SimTwin t : twins) {
          assertThat(t.properties().toString()).doesNotContain("555", "Alice", "Bob", "example.org");
          assertThat(t.properties().has("ownerName")).isFalse();
        }
        SimTwin svc1 = fork.twin("svc-1");
        assertThat(svc1.properties().path("ownerPhone").asText()).startsWith("pn_")
            .isEqualTo(fork.twin("svc-2").properties().path("ownerPhone").asText());
        assertThat(svc1.properties().path("contact").path("email").asText()).startsWith("pn_");
        assertThat(svc1.properties().path("replicas").asInt()).isEqualTo(2); // what the simulation needs is there
      }
      String crmPlannerKey = RouteAccessTest.key(admin, "crm-planner");
      try (GraphSnapshot snapshot = server.engine().snapshot()) {
        SimGraph clear = ScenarioRuns.fork(snapshot,
            server.accessControl().access(server.accessControl().authenticate(crmPlannerKey)));
        assertThat(clear.twin("svc-1").properties().path("ownerName").asText()).isEqualTo("Alice Example");
      }

      // and a run the planner starts goes through: its result shows no personal value
      assertThat(planner.put("/scenarios/more", """
          {"horizon": 200, "warmup": 20, "replications": 2, "seed": 1, "window": 20,
           "changes": [{"type": "demand", "factor": 1.2}]}""").status()).isEqualTo(201);
      Http.Response started = planner.post("/scenarios/more/runs", "");
      assertThat(started.status()).as(started.text()).isEqualTo(202);
      JsonNode done = ScenarioApiTest.await(planner, "more", started.json().path("id").asText());
      assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("done");
      assertThat(done.toString()).contains("svc-1").doesNotContain("+44", "Alice", "example.org");
    });
  }

  @Test
  void pseudonymsStayTheSameAcrossRestartsAndFollowTheConfiguredKey(@TempDir Path dir) throws Exception {
    List<String> seen = new ArrayList<>();
    for (Path data : List.of(dir.resolve("a"), dir.resolve("a"), dir.resolve("b"))) {
      TestServer.test(c -> c.withDataDir(data).withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
        Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
        if (admin.get("/digitaltwins/svc-1").status() == 404) {
          seed(admin);
        }
        seen.add(csvById(export(as(http, admin, "reader"), ALL_SERVICES, "csv").text()).get("svc-1")
            .get("ownerPhone"));
      });
    }
    assertThat(seen.get(1)).isEqualTo(seen.get(0));       // the stored key survives a restart
    assertThat(seen.get(2)).isNotEqualTo(seen.get(0));    // another data directory generated its own
    List<String> configured = new ArrayList<>();
    for (Path data : List.of(dir.resolve("c"), dir.resolve("d"))) {
      TestServer.test(c -> c.withDataDir(data).withAuth(AuthConfig.required(ADMIN_KEY)
          .withPseudonymKey("a-shared-pseudonym-key-0123")), (server, http) -> {
        Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
        seed(admin);
        configured.add(csvById(export(as(http, admin, "reader"), ALL_SERVICES, "csv").text()).get("svc-1")
            .get("ownerPhone"));
      });
    }
    assertThat(configured.get(1)).isEqualTo(configured.get(0)).startsWith("pn_");
  }

  @Test
  void theOpenDemoSeesEverything() throws Exception {
    TestServer.test((server, http) -> {
      seed(http);
      assertThat(export(http, ALL_SERVICES, "csv").text()).contains("+44 555 0100", "Alice Example");
    });
  }
}
