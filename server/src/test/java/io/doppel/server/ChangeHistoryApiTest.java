package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change history over HTTP: a twin's changes, the graph as of a time, and /events replay after a restart. */
class ChangeHistoryApiTest {

  private static void setTemperature(Http http, String room, double value) {
    Http.Response r = http.patch("/digitaltwins/" + room,
        "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":" + value + "}]");
    assertThat(r.status()).as(r.text()).isEqualTo(204);
  }

  /** A moment strictly between the writes before and after it (times have millisecond resolution). */
  private static Instant pause() throws InterruptedException {
    Thread.sleep(5);
    Instant between = Instant.now();
    Thread.sleep(5);
    return between;
  }

  @Test
  void aTwinsChangesPageInOrderWithTheirOriginsAndItsRelationshipChanges() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "r1", 20);
      Fixtures.createDevice(http, "d1");
      for (int i = 1; i <= 4; i++) {
        setTemperature(http, "r1", 20 + i);
      }
      Fixtures.contains(http, "r1", "c1", "d1");
      assertThat(http.delete("/digitaltwins/r1/relationships/c1").status()).isEqualTo(204);

      List<JsonNode> changes = new ArrayList<>();
      String next = "/digitaltwins/r1/changes?maxItems=3";
      int pages = 0;
      while (next != null) {
        Http.Response page = http.get(next);
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        page.json().path("value").forEach(changes::add);
        JsonNode link = page.json().get("nextLink");
        next = link == null ? null : URI.create(link.asText()).getRawPath() + "?" + URI.create(link.asText())
            .getRawQuery();
        pages++;
      }
      assertThat(pages).isEqualTo(3);
      assertThat(changes).extracting(c -> c.path("kind").asText()).containsExactly("twin.created", "twin.patched",
          "twin.patched", "twin.patched", "twin.patched", "relationship.created", "relationship.deleted");
      assertThat(changes).extracting(c -> c.path("version").asLong()).isSorted();
      assertThat(changes.get(0).path("twin").path("temperature").asDouble()).isEqualTo(20);
      assertThat(changes.get(4).path("patch").get(0).path("value").asDouble()).isEqualTo(24);
      assertThat(changes.get(4).path("twin").path("temperature").asDouble()).isEqualTo(24);
      assertThat(changes.get(4).path("origin").path("channel").asText()).isEqualTo("api");
      assertThat(changes.get(5).path("targetId").asText()).isEqualTo("d1");
      assertThat(changes.get(5).path("relationship").path("$relationshipName").asText()).isEqualTo("contains");

      String from = changes.get(2).path("time").asText();
      Http.Response since = http.get("/digitaltwins/r1/changes?from=" + from + "&to=" + changes.get(4).path("time")
          .asText());
      assertThat(since.json().path("value")).allSatisfy(c ->
          assertThat(Instant.parse(c.path("time").asText())).isBetween(Instant.parse(from),
              Instant.parse(changes.get(4).path("time").asText())));

      assertThat(http.get("/digitaltwins/nobody/changes").errorCode()).isEqualTo("TWIN_NOT_FOUND");
    });
  }

  @Test
  void twinsAndQueriesAsOfATimeAnswerAsTheyDidThen() throws Exception {
    TestServer.test((server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "r1", 20);
      Fixtures.createRoom(http, "r2", 30);
      Fixtures.createDevice(http, "d1");
      Fixtures.contains(http, "r1", "c1", "d1");
      String hot = "SELECT R.$dtId FROM DIGITALTWINS R WHERE R.temperature > 25";
      String contained = "SELECT D.$dtId FROM DIGITALTWINS R JOIN D RELATED R.contains WHERE R.$dtId = 'r1'";
      Instant t1 = pause();
      String hotThen = http.post("/query", body(hot)).json().path("value").toString();
      String containedThen = http.post("/query", body(contained)).json().path("value").toString();
      String r1Then = http.get("/digitaltwins/r1").text();

      setTemperature(http, "r1", 40);
      assertThat(http.delete("/digitaltwins/r1/relationships/c1").status()).isEqualTo(204);
      assertThat(http.delete("/digitaltwins/r2").status()).isEqualTo(204);
      Fixtures.createRoom(http, "r3", 50);

      assertThat(http.get("/digitaltwins/r1?asOf=" + t1).json()).isEqualTo(Http.MAPPER.readTree(r1Then));
      assertThat(http.get("/digitaltwins/r1?asOf=" + t1).etag()).isEqualTo(Http.MAPPER.readTree(r1Then)
          .path("$etag").asText());
      assertThat(http.get("/digitaltwins/r2?asOf=" + t1).status()).isEqualTo(200);
      assertThat(http.get("/digitaltwins/r3?asOf=" + t1).errorCode()).isEqualTo("TWIN_NOT_FOUND");
      assertThat(http.post("/query", body(hot + " AS OF '" + t1 + "'")).json().path("value").toString())
          .isEqualTo(hotThen).contains("r2").doesNotContain("r1");
      assertThat(http.post("/query", "{\"query\":\"" + contained + "\",\"asOf\":\"" + t1 + "\"}").json()
          .path("value").toString()).isEqualTo(containedThen).contains("d1");
      assertThat(http.post("/query", body(hot)).json().path("value").toString()).contains("r1", "r3")
          .doesNotContain("r2");

      Http.Response bad = http.get("/digitaltwins/r1?asOf=yesterday");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.targets()).contains("asOf");
      Http.Response future = http.get("/digitaltwins/r1?asOf=" + Instant.now().plusSeconds(3600));
      assertThat(future.status()).isEqualTo(400);
      assertThat(future.targets()).contains("asOf");
      Http.Response badClause = http.post("/query", body(hot + " AS OF 'soon'"));
      assertThat(badClause.status()).isEqualTo(400);
      assertThat(badClause.errorCode()).isEqualTo("QUERY_INVALID");
      Http.Response badBody = http.post("/query", "{\"query\":\"" + hot + "\",\"asOf\":\"noon\"}");
      assertThat(badBody.status()).isEqualTo(400);
      assertThat(badBody.targets()).contains("asOf");
      Http.Response badFrom = http.get("/digitaltwins/r1/changes?from=monday");
      assertThat(badFrom.status()).isEqualTo(400);
      assertThat(badFrom.targets()).contains("from");
      assertThat(http.get("/digitaltwins/r1/changes?maxItems=0").targets()).contains("maxItems");
    });
  }

  @Test
  void aTimeBeforeTheRetainedHistoryIs410HistoryNotRetained(@TempDir Path data) throws Exception {
    Instant early;
    try (DoppelServer first = DoppelServer.start(ServerConfig.ephemeral().withDataDir(data))) {
      Http http = new Http(first.baseUri());
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "r1", 20);
      early = pause();
    }
    deleteTree(data.resolve("history")); // a new history: it knows the graph from now on
    try (DoppelServer second = DoppelServer.start(ServerConfig.ephemeral().withDataDir(data))) {
      Http http = new Http(second.baseUri());
      Http.Response gone = http.get("/digitaltwins/r1?asOf=" + early);
      assertThat(gone.status()).as(gone.text()).isEqualTo(410);
      assertThat(gone.errorCode()).isEqualTo("HISTORY_NOT_RETAINED");
      assertThat(gone.targets()).contains("asOf");
      assertThat(http.post("/query", body("SELECT * FROM DIGITALTWINS AS OF '" + early + "'")).errorCode())
          .isEqualTo("HISTORY_NOT_RETAINED");
      Instant later = pause();
      assertThat(http.get("/digitaltwins/r1?asOf=" + later).json().path("temperature").asDouble()).isEqualTo(20);
      assertThat(http.get("/digitaltwins/r1/changes").json().path("value").get(0).path("kind").asText())
          .isEqualTo("twin.recovered");
      // and the events from before the new history cannot be replayed
      try (SseClient sse = SseClient.open(second.baseUri(), "/events?cursor=1")) {
        assertThat(sse.status()).isEqualTo(410);
      }
    }
  }

  @Test
  void aSubscriberReconnectingAfterARestartGetsExactlyTheMissedEventsThenLiveOnes(@TempDir Path data)
      throws Exception {
    long cursor;
    try (DoppelServer first = DoppelServer.start(ServerConfig.ephemeral().withDataDir(data))) {
      Http http = new Http(first.baseUri());
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "r1", 0);
      Fixtures.createRoom(http, "r2", 0);
      try (SseClient sse = SseClient.connect(first.baseUri(), "/events?twin=r1")) {
        setTemperature(http, "r1", 1);
        setTemperature(http, "r2", 1);
        setTemperature(http, "r1", 2);
        List<SseClient.Event> seen = sse.take(2);
        cursor = Long.parseLong(seen.get(1).id()); // the client has everything up to here
      }
      for (int i = 3; i <= 6; i++) {
        setTemperature(http, "r1", i); // missed: the client is away
        setTemperature(http, "r2", i);
      }
    }
    try (DoppelServer second = DoppelServer.start(ServerConfig.ephemeral().withDataDir(data))) {
      Http http = new Http(second.baseUri());
      setTemperature(http, "r1", 7); // after the restart, before the reconnect: in the ring
      try (SseClient sse = SseClient.connect(second.baseUri(), "/events?twin=r1", "Last-Event-ID",
          Long.toString(cursor))) {
        assertThat(sse.status()).isEqualTo(200);
        List<SseClient.Event> replayed = sse.take(5);
        setTemperature(http, "r1", 8);
        replayed.addAll(sse.take(1));
        assertThat(replayed).extracting(e -> Http.MAPPER.readTree(e.data()).path("data").path("patch").get(0)
            .path("value").asDouble()).containsExactly(3.0, 4.0, 5.0, 6.0, 7.0, 8.0);
        assertThat(replayed).extracting(e -> Long.parseLong(e.id())).isSorted().doesNotHaveDuplicates()
            .allMatch(v -> v > cursor);
      }
    }
  }

  private static String body(String query) {
    return Http.MAPPER.createObjectNode().put("query", query).toString();
  }

  private static void deleteTree(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
