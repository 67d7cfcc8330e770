package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.server.auth.AuthConfig;
import io.doppel.sim.twin.SimGraph;
import io.doppel.sim.twin.SimTwin;
import io.doppel.twin.GraphSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Twin and relationship ids marked personal ({@code PersonalId} on an Interface, on a Relationship) over real HTTP
 * with authentication: a reader without {@code personal} sees the person twin, and the relationship the model
 * marks, by pseudonym in queries, exports, the twin listing, relationship reads, the change stream, the change
 * history and scenario forks; relationships still line up; the clear id matches nothing in a query; a caller
 * holding {@code personal} (or the admin) sees clear ids; a direct read by the clear id keeps the read policy.
 */
class PersonalIdApiTest {
  private static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
  private static final String CONTEXT =
      "\"@context\": [\"dtmi:dtdl:context;3\", \"dtmi:io:doppel:sim;1\", \"dtmi:io:doppel:privacy;1\"]";
  private static final String MODELS = """
      [{%1$s, "@id": "dtmi:test:Home;1", "@type": "Interface", "contents": [
         {"@type": "Property", "name": "city", "schema": "string"}]},
       {%1$s, "@id": "dtmi:test:Person;1", "@type": ["Interface", "PersonalId", "SimStation"], "contents": [
         {"@type": "Property", "name": "shift", "schema": "string"},
         {"@type": ["Property", "Replicas"], "name": "replicas", "schema": "integer"},
         {"@type": ["Property", "MeanServiceTime"], "name": "serviceTime", "schema": "double"},
         {"@type": ["Relationship", "PersonalId"], "name": "livesAt"}]},
       {%1$s, "@id": "dtmi:test:Pump;1", "@type": ["Interface", "SimSource"], "contents": [
         {"@type": "Property", "name": "status", "schema": "string"},
         {"@type": ["Property", "ArrivalRate"], "name": "rate", "schema": "double"},
         {"@type": ["Relationship", "SimFlow"], "name": "ownedBy"}]}]""".formatted(CONTEXT);
  private static final String STAFF = "\"replicas\":1,\"serviceTime\":0.1,";
  private static final String PERSON = "john-smith";
  private static final String HOME_LINK = "john-smith-home";
  private static final String PN = "pn_[A-Za-z0-9_-]{22}";

  private static Http seeded(Http http) {
    Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
    assertThat(admin.post("/models", MODELS).status()).isEqualTo(201);
    twin(admin, "home-1", "dtmi:test:Home;1", "\"city\":\"Leeds\"");
    twin(admin, PERSON, "dtmi:test:Person;1", STAFF + "\"shift\":\"night\"");
    twin(admin, "pump-1", "dtmi:test:Pump;1", "\"rate\":1.0,\"status\":\"on\"");
    link(admin, "pump-1", "own-1", PERSON, "ownedBy");
    link(admin, PERSON, HOME_LINK, "home-1", "livesAt");
    policy(admin, "readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\",\"query\"]}");
    policy(admin, "crm", "{\"roles\":[\"crm\"],\"actions\":[\"read\",\"query\",\"personal\"]}");
    // personal on the people's properties but not on their ids
    policy(admin, "no-ids", "{\"roles\":[\"no-ids\"],\"actions\":[\"read\",\"query\",\"personal\"],"
        + "\"exceptProperties\":[\"$dtId\"]}");
    policy(admin, "planners", "{\"roles\":[\"planner\"],\"actions\":[\"read\",\"simulate\"]}");
    policy(admin, "crm-planners",
        "{\"roles\":[\"crm-planner\"],\"actions\":[\"read\",\"simulate\",\"personal\"]}");
    return admin;
  }

  private static void twin(Http admin, String id, String model, String properties) {
    Http.Response put = admin.put("/digitaltwins/" + id,
        "{\"$metadata\":{\"$model\":\"" + model + "\"}," + properties + "}");
    assertThat(put.status()).as(put.text()).isEqualTo(200);
  }

  private static void link(Http admin, String source, String id, String target, String name) {
    Http.Response put = admin.put("/digitaltwins/" + source + "/relationships/" + id,
        "{\"$targetId\":\"" + target + "\",\"$relationshipName\":\"" + name + "\"}");
    assertThat(put.status()).as(put.text()).isEqualTo(200);
  }

  private static void policy(Http admin, String id, String body) {
    assertThat(admin.put("/auth/policies/" + id, body).status()).isEqualTo(200);
  }

  private static Http as(Http http, Http admin, String role) {
    return http.withHeader("Authorization", "Bearer " + RouteAccessTest.key(admin, role));
  }

  private static List<JsonNode> rows(Http caller, String query) {
    Http.Response page = caller.post("/query", "{\"query\":\"" + query + "\"}");
    assertThat(page.status()).as(page.text()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    page.json().path("value").forEach(out::add);
    return out;
  }

  /** The person's id as {@code caller}'s queries show it. */
  private static String personId(Http caller) {
    List<JsonNode> people = rows(caller,
        "SELECT T.$dtId FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:test:Person;1')");
    assertThat(people).hasSize(1);
    return people.get(0).path("$dtId").asText();
  }

  @Test
  void queriesListingsAndRelationshipReadsGiveReadersThePseudonymOfAPersonalId() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = seeded(http);
      Http reader = as(http, admin, "reader");
      String person = personId(reader);
      assertThat(person).matches(PN);

      List<JsonNode> all = rows(reader, "SELECT T FROM DIGITALTWINS T");
      assertThat(all).extracting(r -> r.path("T").path("$dtId").asText())
          .containsExactlyInAnyOrder("home-1", "pump-1", person);
      assertThat(all.toString()).doesNotContain(PERSON);
      // the clear id names nothing for the reader, so a guess cannot be tested; the pseudonym names the twin
      assertThat(rows(reader, "SELECT T FROM DIGITALTWINS T WHERE T.$dtId = '" + PERSON + "'")).isEmpty();
      assertThat(rows(reader, "SELECT T FROM DIGITALTWINS T WHERE STARTSWITH(T.$dtId, 'john')")).isEmpty();
      assertThat(rows(reader, "SELECT COUNT() FROM DIGITALTWINS T WHERE T.$dtId IN ['" + PERSON + "']").get(0)
          .path("COUNT").asInt()).isZero();
      List<JsonNode> byPseudonym = rows(reader, "SELECT T FROM DIGITALTWINS T WHERE T.$dtId = '" + person + "'");
      assertThat(byPseudonym).hasSize(1);
      assertThat(byPseudonym.get(0).path("T").path("shift").asText()).isEqualTo("night");

      // relationships line up on the pseudonym: a JOIN from the pump reaches the person and on to the home
      List<JsonNode> owner = rows(reader,
          "SELECT O FROM DIGITALTWINS P JOIN O RELATED P.ownedBy WHERE P.$dtId = 'pump-1'");
      assertThat(owner).extracting(r -> r.path("O").path("$dtId").asText()).containsExactly(person);
      List<JsonNode> home = rows(reader, "SELECT H FROM DIGITALTWINS P JOIN O RELATED P.ownedBy"
          + " JOIN H RELATED O.livesAt WHERE P.$dtId = 'pump-1'");
      assertThat(home).extracting(r -> r.path("H").path("$dtId").asText()).containsExactly("home-1");
      List<JsonNode> relationships = rows(reader, "SELECT R FROM RELATIONSHIPS R");
      assertThat(relationships.toString()).doesNotContain(PERSON);
      JsonNode owns = relationships.stream().map(r -> r.path("R"))
          .filter(r -> r.path("$relationshipName").asText().equals("ownedBy")).findFirst().orElseThrow();
      assertThat(owns.path("$targetId").asText()).isEqualTo(person);
      assertThat(owns.path("$relationshipId").asText()).isEqualTo("own-1"); // not marked
      JsonNode lives = relationships.stream().map(r -> r.path("R"))
          .filter(r -> r.path("$relationshipName").asText().equals("livesAt")).findFirst().orElseThrow();
      assertThat(lives.path("$sourceId").asText()).isEqualTo(person);
      assertThat(lives.path("$relationshipId").asText()).matches(PN).isNotEqualTo(person);

      // the exports and the listing
      Http.Response csv = reader.post("/query?format=csv", "{\"query\":\"SELECT T FROM DIGITALTWINS T\"}");
      assertThat(csv.text()).contains(person).doesNotContain(PERSON);
      Http.Response listed = reader.get("/digitaltwins");
      assertThat(listed.status()).isEqualTo(200);
      assertThat(listed.text()).contains(person).doesNotContain(PERSON);

      // relationship reads: the twin the caller named stays as named, the other end goes by its pseudonym
      JsonNode out = reader.get("/digitaltwins/pump-1/relationships").json().path("value").get(0);
      assertThat(out.path("$targetId").asText()).isEqualTo(person);
      assertThat(reader.get("/digitaltwins/pump-1/relationships/own-1").json().path("$targetId").asText())
          .isEqualTo(person);
      JsonNode in = reader.get("/digitaltwins/home-1/incomingrelationships").json().path("value").get(0);
      assertThat(in.path("$sourceId").asText()).isEqualTo(person);
      assertThat(in.path("$relationshipId").asText()).isEqualTo(lives.path("$relationshipId").asText());
      assertThat(in.toString()).doesNotContain(PERSON);

      // impact runs on the query view: from the pump it reaches the person by pseudonym; the person's clear id
      // names nothing there, so its own impact is not found (its pseudonym would be paired with its clear id)
      Http.Response impact = reader.get("/digitaltwins/pump-1/impact?direction=downstream");
      assertThat(impact.status()).as(impact.text()).isEqualTo(200);
      assertThat(impact.text()).contains(person).doesNotContain(PERSON);
      assertThat(reader.get("/digitaltwins/" + PERSON + "/impact").status()).isEqualTo(404);
      // a direct read by the clear id is the read policy's; a pseudonym names no twin there
      assertThat(reader.get("/digitaltwins/" + PERSON).status()).isEqualTo(200);
      assertThat(reader.get("/digitaltwins/" + person).status()).isEqualTo(404);

      // 'personal' without $dtId among its properties still leaves the id pseudonymised
      assertThat(personId(as(http, admin, "no-ids"))).isEqualTo(person);
      for (Http clear : List.of(as(http, admin, "crm"), admin)) {
        assertThat(personId(clear)).isEqualTo(PERSON);
        assertThat(rows(clear, "SELECT T FROM DIGITALTWINS T WHERE T.$dtId = '" + PERSON + "'")).hasSize(1);
        assertThat(rows(clear, "SELECT R FROM RELATIONSHIPS R").toString()).contains(PERSON, HOME_LINK);
        assertThat(clear.get("/digitaltwins/home-1/incomingrelationships").text()).contains(PERSON, HOME_LINK);
      }

      JsonNode marked = reader.get("/models/" + Http.enc("dtmi:test:Person;1") + "/personal").json();
      assertThat(marked.path("twinId").asBoolean()).isTrue();
      assertThat(marked.path("relationshipIds")).extracting(JsonNode::asText).containsExactly("livesAt");
      assertThat(reader.get("/models/" + Http.enc("dtmi:test:Pump;1") + "/personal").json().path("twinId")
          .asBoolean()).isFalse();
    });
  }

  /** Pages of a query hand out each twin once, pseudonymised ones among clear ones, under a policy by id pattern. */
  @Test
  void pagingThroughPseudonymisedTwinsGivesEachOnceAndPoliciesByIdStillApply() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = seeded(http);
      for (int i = 1; i <= 6; i++) {
        twin(admin, "person-" + i, "dtmi:test:Person;1", STAFF + "\"shift\":\"s" + i + "\"");
      }
      policy(admin, "staff", "{\"roles\":[\"staff\"],\"actions\":[\"read\",\"query\"],\"twins\":\"person-*\"}");
      for (String role : List.of("reader", "staff")) {
        Http caller = as(http, admin, role);
        List<String> paged = new ArrayList<>();
        String token = null;
        do {
          String body = "{\"query\":\"SELECT T.$dtId, T.shift FROM DIGITALTWINS T\""
              + (token == null ? "" : ",\"continuationToken\":\"" + token + "\"") + "}";
          Http.Response page = caller.post("/query", body, "max-items-per-page", "2");
          assertThat(page.status()).as(page.text()).isEqualTo(200);
          page.json().path("value").forEach(row -> paged.add(row.path("$dtId").asText()));
          token = page.json().path("continuationToken").isTextual()
              ? page.json().path("continuationToken").asText() : null;
        } while (token != null);
        assertThat(paged).as(role).doesNotHaveDuplicates().noneMatch(id -> id.startsWith("person-"))
            .hasSize(role.equals("reader") ? 9 : 6);
        assertThat(paged.stream().filter(id -> id.matches(PN)).count()).as(role).isEqualTo(role.equals("reader")
            ? 7 : 6);
      }
    });
  }

  /** Query functions over recorded series (forecasts) find a pseudonymised twin's history by its clear id. */
  @Test
  void forecastsInAQueryWorkOnPseudonymisedTwins() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = seeded(http);
      assertThat(admin.post("/models", """
          [{%s, "@id": "dtmi:test:Wearable;1", "@type": ["Interface", "PersonalId"],
            "contents": [{"@type": "Telemetry", "name": "usedPercent", "schema": "double"}]}]""".formatted(CONTEXT))
          .status()).isEqualTo(201);
      QueryForecastApiTest.twin(admin, "watch-of-john", "dtmi:test:Wearable;1", QueryForecastApiTest.HOURS,
          QueryForecastApiTest::fast);
      server.history().caughtUp().join();
      String crossing = "SELECT T.$dtId FROM DIGITALTWINS T WHERE FORECAST_CROSSES(T, 'usedPercent', 90, 'PT24H')";
      assertThat(QueryForecastApiTest.ids(admin, crossing)).containsExactly("watch-of-john");
      List<String> seen = QueryForecastApiTest.ids(as(http, admin, "reader"), crossing);
      assertThat(seen).hasSize(1);
      assertThat(seen.get(0)).matches(PN);
    });
  }

  @Test
  void theChangeStreamTheChangeHistoryAndScenarioForksGiveReadersThePseudonym() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = seeded(http);
      Http reader = as(http, admin, "reader");
      String readerKey = "Bearer " + RouteAccessTest.key(admin, "reader");
      String crmKey = "Bearer " + RouteAccessTest.key(admin, "crm");
      String person = personId(reader);
      try (SseClient readerSse = SseClient.connect(server.baseUri(), "/events", "Authorization", readerKey);
          SseClient namingSse = SseClient.connect(server.baseUri(), "/events?twin=jane-doe&twin=pump-1",
              "Authorization", readerKey);
          SseClient crmSse = SseClient.connect(server.baseUri(), "/events", "Authorization", crmKey)) {
        assertThat(readerSse.status()).isEqualTo(200);
        twin(admin, "jane-doe", "dtmi:test:Person;1", STAFF + "\"shift\":\"day\"");
        link(admin, "pump-1", "own-2", "jane-doe", "ownedBy");
        twin(admin, "pump-1", "dtmi:test:Pump;1", "\"rate\":1.0,\"status\":\"off\"");

        List<SseClient.Event> events = readerSse.take(3);
        String jane = null;
        for (SseClient.Event e : events) {
          assertThat(e.data()).doesNotContain("jane-doe");
          JsonNode event = Http.MAPPER.readTree(e.data());
          if (event.path("type").asText().equals("io.doppel.twin.created")) {
            jane = event.path("data").path("$dtId").asText();
            assertThat(jane).matches(PN);
            assertThat(event.path("subject").asText()).isEqualTo(jane);
          }
        }
        JsonNode linked = Http.MAPPER.readTree(events.get(1).data());
        assertThat(linked.path("data").path("$targetId").asText()).isEqualTo(jane);
        // a subscription naming the clear id learns nothing about that twin: only the pump's events come
        List<SseClient.Event> named = namingSse.take(2);
        assertThat(named).extracting(e -> Http.MAPPER.readTree(e.data()).path("type").asText())
            .containsExactly("io.doppel.relationship.created", "io.doppel.twin.replaced");
        assertThat(named.toString()).doesNotContain("jane-doe");
        assertThat(crmSse.take(3).toString()).contains("jane-doe");
        // the person's pseudonym in a query is the stream's
        assertThat(rows(reader, "SELECT T.$dtId FROM DIGITALTWINS T WHERE T.shift = 'day'").get(0)
            .path("$dtId").asText()).isEqualTo(jane);
      }

      Http.Response changes = reader.get("/digitaltwins/pump-1/changes");
      assertThat(changes.status()).as(changes.text()).isEqualTo(200);
      assertThat(changes.text()).doesNotContain(PERSON, "jane-doe").contains(person);
      assertThat(admin.get("/digitaltwins/pump-1/changes").text()).contains(PERSON, "jane-doe");

      var planner = server.accessControl().access(server.accessControl().authenticate(
          RouteAccessTest.key(admin, "planner")));
      try (GraphSnapshot snapshot = server.engine().snapshot()) {
        SimGraph fork = ScenarioRuns.fork(snapshot, planner);
        assertThat(fork.twins()).extracting(SimTwin::id).contains("pump-1", person)
            .doesNotContain(PERSON, "jane-doe");
        assertThat(fork.twin(person).properties().toString()).doesNotContain(PERSON);
        assertThat(fork.flows().toString()).contains(person).doesNotContain(PERSON); // the flow lines up
      }

      // a run's results name twins by id: a run started by someone who sees ids in clear shows the others pseudonyms
      Http plannerHttp = as(http, admin, "planner");
      Http crmPlanner = as(http, admin, "crm-planner");
      assertThat(crmPlanner.put("/scenarios/more", """
          {"horizon": 200, "warmup": 20, "replications": 2, "seed": 1, "window": 20,
           "changes": [{"type": "demand", "factor": 1.2}]}""").status()).isEqualTo(201);
      for (Http starter : List.of(crmPlanner, plannerHttp)) {
        Http.Response started = starter.post("/scenarios/more/runs", "");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String run = started.json().path("id").asText();
        JsonNode done = ScenarioApiTest.await(starter, "more", run);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("done");
        JsonNode seen = plannerHttp.get("/scenarios/more/runs/" + run).json();
        assertThat(seen.toString()).contains(person).doesNotContain(PERSON, "jane-doe");
        assertThat(seen.path("result").path("scenario").path("twins").has(person)).as(seen.toString()).isTrue();
        if (starter == crmPlanner) {
          assertThat(crmPlanner.get("/scenarios/more/runs/" + run).text()).contains(PERSON);
        }
      }
    });
  }
}
