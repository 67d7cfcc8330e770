package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryServiceTest {
  private final MemoryGraph graph = Buildings.graph();
  private final QueryService queries = new QueryService(graph::open);

  private List<JsonNode> all(String query) {
    List<JsonNode> rows = new ArrayList<>();
    QueryPage page = queries.run(query, null, 100);
    rows.addAll(page.value());
    while (page.continuationToken() != null) {
      page = queries.run(query, page.continuationToken(), 100);
      rows.addAll(page.value());
    }
    return rows;
  }

  private List<String> ids(String query) {
    return all(query).stream().map(r -> r.get("$dtId").asText()).toList();
  }

  @Test
  void selectsTwinsOfAModelAndItsDescendantsWithAPropertyFilter() {
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:com:example:Room;1') AND temperature > 25"))
        .containsExactly("room-21", "room-22");
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:com:example:Space;1')"))
        .containsExactlyInAnyOrder("b1", "floor-1", "floor-2", "room-11", "room-12", "room-21", "room-22", "room-23");
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:com:example:Space;1', exact)")).isEmpty();
    assertThat(ids("SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:com:example:Floor;1', exact)"))
        .containsExactly("floor-1", "floor-2");
  }

  @Test
  void returnsTwinDocumentsInAdtShapeForSelectStar() {
    JsonNode twin = all("SELECT * FROM DIGITALTWINS WHERE $dtId = 'room-11'").get(0);
    assertThat(twin.get("$dtId").asText()).isEqualTo("room-11");
    assertThat(twin.get("$etag").asText()).startsWith("W/");
    assertThat(twin.at("/$metadata/$model").asText()).isEqualTo(Buildings.ROOM);
    assertThat(twin.get("temperature").asDouble()).isEqualTo(20.0);
  }

  @Test
  void projectsPropertiesWithTopAndLeavesOutMissingOnes() {
    List<JsonNode> rows = all("SELECT TOP(10) T.$dtId, T.status FROM DIGITALTWINS T "
        + "WHERE STARTSWITH(T.$dtId, 'pump-') AND T.status IN ['fault', 'warn']");
    assertThat(rows).extracting(JsonNode::toString)
        .containsExactly("{\"$dtId\":\"pump-1\",\"status\":\"fault\"}", "{\"$dtId\":\"pump-2\",\"status\":\"warn\"}");
    List<JsonNode> names = all("SELECT T.name AS n, T.hvac.mode FROM DIGITALTWINS T WHERE STARTSWITH(T.$dtId, 'room-1')");
    assertThat(names).extracting(JsonNode::toString)
        .containsExactly("{\"n\":\"Lobby\",\"mode\":\"auto\"}", "{\"n\":\"Cafe\"}");
    assertThat(all("SELECT TOP(2) FROM DIGITALTWINS")).hasSize(2);
  }

  @Test
  void countsWithAndWithoutFilters() {
    assertThat(all("SELECT COUNT() FROM DIGITALTWINS WHERE IS_DEFINED(serialNumber)").get(0).toString())
        .isEqualTo("{\"COUNT\":2}");
    assertThat(all("SELECT COUNT() FROM DIGITALTWINS").get(0).get("COUNT").asLong()).isEqualTo(14);
    assertThat(all("SELECT COUNT() FROM RELATIONSHIPS").get(0).get("COUNT").asLong()).isEqualTo(13);
    assertThat(all("SELECT COUNT() FROM DIGITALTWINS WHERE status = 'nothing'").get(0).get("COUNT").asLong())
        .isZero();
  }

  @Test
  void joinsRelatedTwinsAndProjectsCollectionsByAlias() {
    List<JsonNode> rows = all("SELECT floor, room FROM DIGITALTWINS floor JOIN room RELATED floor.contains "
        + "WHERE floor.$dtId = 'floor-2'");
    assertThat(rows).extracting(r -> r.get("room").get("$dtId").asText())
        .containsExactly("room-21", "room-22", "room-23");
    assertThat(rows).allSatisfy(r -> assertThat(r.get("floor").get("$dtId").asText()).isEqualTo("floor-2"));
  }

  @Test
  void joinsStartFromTheSelectiveSideAndFilterOnRelationshipCollections() {
    List<JsonNode> rows = all("SELECT B.$dtId AS building, F.$dtId AS floor, R.$relationshipId AS rel FROM "
        + "DIGITALTWINS B JOIN F RELATED B.contains R JOIN Room RELATED F.contains WHERE Room.$dtId = 'room-22'");
    assertThat(rows).extracting(JsonNode::toString)
        .containsExactly("{\"building\":\"b1\",\"floor\":\"floor-2\",\"rel\":\"b1-f2\"}");
  }

  @Test
  void matchesVariableHopsWithAdtRangeSemantics() {
    String query = "SELECT building, sensor FROM DIGITALTWINS MATCH (building)-[:contains*..3]->(sensor) "
        + "WHERE building.$dtId = 'b1'";
    assertThat(all(query)).extracting(r -> r.get("sensor").get("$dtId").asText())
        .containsExactly("floor-1", "floor-2", "room-11", "room-12", "room-21", "room-22", "room-23",
            "sensor-211", "sensor-221", "sensor-222");
    // ADT: the lower limit is excluded, so *1..3 means 2 or 3 hops
    assertThat(all("SELECT s FROM DIGITALTWINS MATCH (b)-[:contains*1..3]->(s) WHERE b.$dtId = 'b1'"))
        .extracting(r -> r.get("s").get("$dtId").asText())
        .containsExactly("room-11", "room-12", "room-21", "room-22", "room-23", "sensor-211", "sensor-221",
            "sensor-222");
    assertThat(all("SELECT s FROM DIGITALTWINS MATCH (b)-[:contains*3]->(s) WHERE b.$dtId = 'b1' AND "
        + "IS_DEFINED(s.serialNumber)")).extracting(r -> r.get("s").get("$dtId").asText())
        .containsExactly("sensor-211", "sensor-221");
  }

  @Test
  void matchesLeftwardAndUndirectedRelationshipsWithRelationshipVariables() {
    assertThat(all("SELECT f.$dtId FROM DIGITALTWINS MATCH (r)<-[:contains]-(f) WHERE r.$dtId = 'room-12'"))
        .extracting(JsonNode::toString).containsExactly("{\"$dtId\":\"floor-1\"}");
    List<JsonNode> around = all("SELECT other.$dtId AS id, c.latencyMs AS ms FROM DIGITALTWINS "
        + "MATCH (p)-[c:calls]-(other) WHERE p.$dtId = 'pump-2'");
    assertThat(around).extracting(JsonNode::toString)
        .containsExactly("{\"id\":\"pump-3\",\"ms\":120}", "{\"id\":\"pump-1\",\"ms\":250}");
    assertThat(all("SELECT b.$dtId FROM DIGITALTWINS MATCH (a)-[c:calls]->(b) WHERE a.$dtId = 'pump-1' "
        + "AND c.latencyMs > 200")).hasSize(1);
  }

  @Test
  void answersSelectStarWithMatchWithEveryNamedTwinAndRelationshipKeyedByName() {
    List<JsonNode> rows = all("SELECT * FROM DIGITALTWINS MATCH (f)-[r:contains]->(room)-[:contains]->() "
        + "WHERE f.$dtId = 'floor-2'");
    assertThat(rows).hasSize(3);
    assertThat(rows).allSatisfy(row -> assertThat(row.fieldNames()).toIterable().containsExactly("f", "r", "room"));
    assertThat(rows).extracting(row -> row.at("/room/$dtId").asText()).containsExactly("room-21", "room-22", "room-22");
    assertThat(rows.get(0).at("/r/$relationshipId").asText()).isEqualTo("f2-r21");
    assertThat(rows.get(0).at("/f/$metadata/$model").asText()).isEqualTo(Buildings.FLOOR);
    // ADT's own example: a variable hop, the rows keyed by the twins' names
    List<JsonNode> hops = all("SELECT * FROM DIGITALTWINS MATCH (Floor)-[*3]-(Room) WHERE Floor.$dtId = 'floor-1'");
    assertThat(hops).extracting(row -> row.at("/Floor/$dtId").asText() + ">" + row.at("/Room/$dtId").asText())
        .containsExactly("floor-1>room-21", "floor-1>room-22", "floor-1>room-23");
    assertThatThrownBy(() -> all("SELECT * FROM DIGITALTWINS MATCH ()-[:contains]->()"))
        .isInstanceOfSatisfying(DoppelException.class,
            e -> assertThat(e.details().get(0).code()).isEqualTo("unnamedCollection"));
  }

  @Test
  void queriesRelationshipsByNameAndProperty() {
    List<JsonNode> rows = all("SELECT * FROM RELATIONSHIPS R WHERE R.$relationshipName = 'calls' "
        + "AND R.latencyMs > 200");
    assertThat(rows).extracting(r -> r.get("$relationshipId").asText()).containsExactly("p1-p2", "p3-p1");
    assertThat(all("SELECT R.$targetId FROM RELATIONSHIPS R WHERE R.$sourceId = 'floor-1'"))
        .extracting(JsonNode::toString).containsExactly("{\"$targetId\":\"room-11\"}", "{\"$targetId\":\"room-12\"}");
    assertThat(all("SELECT R.$sourceId FROM RELATIONSHIPS R WHERE R.$targetId = 'pump-1'"))
        .extracting(JsonNode::toString).containsExactly("{\"$sourceId\":\"pump-3\"}");
  }

  @Test
  void comparesOnlyValuesOfTheSameTypeAndNeverMatchesUndefined() {
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE temperature > '20'")).isEmpty();
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE NOT (temperature > 25)"))
        .containsExactly("room-11", "room-12", "room-23");
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE status != 'ok'"))
        .containsExactly("pump-1", "pump-2", "room-21", "room-22");
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE temperature = 26.0")).containsExactly("room-21");
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE Temperature > 0")).isEmpty();
  }

  @Test
  void evaluatesTheTypeAndStringFunctions() {
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE IS_NULL(occupied)")).isEmpty();
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE IS_BOOL(occupied) AND occupied = true"))
        .containsExactly("room-11", "room-21");
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE IS_OBJECT(hvac)")).containsExactly("room-11", "room-21");
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE IS_NUMBER(level)")).containsExactly("floor-1", "floor-2");
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE IS_STRING(serialNumber)"))
        .containsExactly("sensor-211", "sensor-221");
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE IS_PRIMITIVE(occupied)"))
        .containsExactly("room-11", "room-12", "room-21");
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE ENDSWITH(name, 'room')")).containsExactly("room-22");
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE CONTAINS($dtId, '-2')"))
        .containsExactly("floor-2", "pump-2", "room-21", "room-22", "room-23", "sensor-211", "sensor-221",
            "sensor-222");
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE ARRAY_CONTAINS(tags, 'lab')")).containsExactly("room-21");
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE status NIN ['ok', 'warn']")).containsExactly("pump-1", "room-22");
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE $metadata.$model = 'dtmi:com:example:Pump;1' "
        + "AND IS_DEFINED($metadata.status.lastUpdateTime)")).containsExactly("pump-1", "pump-2", "pump-3");
  }

  @Test
  void groupsAndAggregatesAsADoppelExtension() {
    List<JsonNode> rows = all("SELECT floor.$dtId AS floor, AVG(room.temperature) AS avgTemp, COUNT() AS rooms, "
        + "MIN(room.temperature) AS coolest, MAX(room.name) AS lastName, SUM(room.temperature) AS total FROM "
        + "DIGITALTWINS floor JOIN room RELATED floor.contains WHERE IS_OF_MODEL(floor, 'dtmi:com:example:Floor;1') "
        + "GROUP BY floor.$dtId");
    assertThat(rows).extracting(JsonNode::toString).containsExactly(
        "{\"floor\":\"floor-1\",\"avgTemp\":21.25,\"rooms\":2,\"coolest\":20.0,\"lastName\":\"Lobby\",\"total\":42.5}",
        "{\"floor\":\"floor-2\",\"avgTemp\":24.166666666666668,\"rooms\":3,\"coolest\":19.0,"
            + "\"lastName\":\"Server room\",\"total\":72.5}");
    assertThat(all("SELECT status, COUNT() FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:com:example:Pump;1') "
        + "GROUP BY status")).extracting(JsonNode::toString)
        .containsExactly("{\"status\":\"fault\",\"COUNT\":1}", "{\"status\":\"ok\",\"COUNT\":1}",
            "{\"status\":\"warn\",\"COUNT\":1}");
    assertThat(all("SELECT AVG(R.latencyMs) AS [[avg]] FROM RELATIONSHIPS R WHERE R.$relationshipName = 'calls'")
        .get(0).get("avg").asDouble()).isEqualTo(670.0 / 3);
  }

  @Test
  void pagesThroughResultsWithTokensAndClosesTheSnapshotAtTheEnd() {
    String query = "SELECT * FROM DIGITALTWINS";
    QueryPage first = queries.run(query, null, 5);
    assertThat(first.value()).hasSize(5);
    assertThat(first.continuationToken()).isNotNull();
    assertThat(queries.openLeases()).isEqualTo(1);
    assertThat(graph.openViews()).isEqualTo(1);
    List<String> seen = new ArrayList<>(first.value().stream().map(r -> r.get("$dtId").asText()).toList());
    QueryPage page = first;
    while (page.continuationToken() != null) {
      page = queries.run(query, page.continuationToken(), 5);
      page.value().forEach(r -> seen.add(r.get("$dtId").asText()));
    }
    assertThat(seen).hasSize(14).doesNotHaveDuplicates().isSorted();
    assertThat(queries.openLeases()).isZero();
    assertThat(graph.openViews()).isZero();
    assertThat(first.toJson().has("continuationToken")).isTrue();
  }

  @Test
  void refusesEditedTokensAndTokensOfAnotherQuery() {
    QueryPage first = queries.run("SELECT * FROM DIGITALTWINS", null, 2);
    String token = first.continuationToken();
    String edited = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
    assertThatThrownBy(() -> queries.run("SELECT * FROM DIGITALTWINS", edited, 2))
        .isInstanceOfSatisfying(DoppelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> queries.run("SELECT * FROM DIGITALTWINS WHERE 1 = 1", token, 2))
        .isInstanceOfSatisfying(DoppelException.class,
            e -> assertThat(e.details().get(0).code()).isEqualTo("invalidContinuation"));
    assertThatThrownBy(() -> queries.run("SELECT * FROM DIGITALTWINS", "!!", 2))
        .isInstanceOf(DoppelException.class);
  }

  @Test
  void stopsATopQueryAcrossPages() {
    String query = "SELECT TOP(7) T.$dtId FROM DIGITALTWINS T";
    QueryPage first = queries.run(query, null, 5);
    QueryPage second = queries.run(query, first.continuationToken(), 5);
    assertThat(first.value()).hasSize(5);
    assertThat(second.value()).hasSize(2);
    assertThat(second.continuationToken()).isNull();
  }

  @Test
  void answersExplainAsASingleRow() {
    QueryPage page = queries.run("EXPLAIN SELECT * FROM DIGITALTWINS WHERE status = 'ok'", null, 10);
    assertThat(page.value()).hasSize(1);
    assertThat(page.value().get(0).at("/start/access").asText()).isEqualTo("propertyIndex");
  }

  @Test
  void projectsCollectionsKeyedByNameIncludingRelationships() {
    List<JsonNode> rows = all("SELECT F, Rel, R FROM DIGITALTWINS F JOIN R RELATED F.contains Rel "
        + "WHERE F.$dtId = 'floor-1' AND R.temperature > 21");
    assertThat(rows).hasSize(1);
    JsonNode row = rows.get(0);
    assertThat(row.fieldNames()).toIterable().containsExactly("F", "Rel", "R");
    assertThat(row.at("/F/$dtId").asText()).isEqualTo("floor-1");
    assertThat(row.at("/R/$metadata/$model").asText()).isEqualTo(Buildings.ROOM);
    assertThat(row.at("/Rel/$relationshipId").asText()).isEqualTo("f1-r12");
    assertThat(row.at("/Rel/$sourceId").asText()).isEqualTo("floor-1");
    assertThat(row.at("/Rel/$targetId").asText()).isEqualTo("room-12");
  }

  @Test
  void looksUpIdListsAndCountsDefinedValues() {
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE $dtId IN ['room-22', 'nope', 'b1']"))
        .containsExactly("b1", "room-22");
    assertThat(queries.explain("SELECT * FROM DIGITALTWINS WHERE $dtId IN ['room-22', 'b1']").at("/start/access")
        .asText()).isEqualTo("idLookup");
    assertThat(all("SELECT COUNT(T.serialNumber) AS withSerial, COUNT() AS [[all]] FROM DIGITALTWINS T "
        + "WHERE IS_OF_MODEL(T, 'dtmi:com:example:Sensor;1')").get(0).toString())
        .isEqualTo("{\"withSerial\":2,\"all\":3}");
    assertThat(ids("SELECT * FROM DIGITALTWINS WHERE status NOT IN ['ok', 'warn', 'fault']")).isEmpty();
  }

  @Test
  void resumesATokenOnAnotherServiceInstanceAsAfterARestart() {
    String query = "SELECT T.$dtId FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:com:example:Space;1')";
    QueryPage first = queries.run(query, null, 3);
    QueryService restarted = new QueryService(graph::open);
    QueryPage second = restarted.run(query, first.continuationToken(), 3);
    assertThat(second.value()).extracting(r -> r.get("$dtId").asText())
        .containsExactly("room-11", "room-12", "room-21");
    queries.close();
    restarted.close();
    assertThat(graph.openViews()).isZero();
  }

  @Test
  void endsWithoutATokenWhenTheLastPageIsExactlyFull() {
    QueryPage page = queries.run("SELECT * FROM DIGITALTWINS WHERE STARTSWITH($dtId, 'pump-')", null, 3);
    assertThat(page.value()).hasSize(3);
    assertThat(page.continuationToken()).isNull();
    assertThat(queries.openLeases()).isZero();
    assertThat(graph.openViews()).isZero();
  }
}
