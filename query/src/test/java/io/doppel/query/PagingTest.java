package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.twin.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagingTest {
  private final MemoryGraph graph = Buildings.graph();
  private final MutableClock clock = new MutableClock();
  private final QueryService queries = new QueryService(graph::open,
      QueryLimits.defaults().withLeases(Duration.ofSeconds(60), 2), clock);

  private static List<String> ids(QueryPage page, String field) {
    return page.value().stream().map(r -> r.at(field).asText()).toList();
  }

  @Test
  void resumesOnAFreshSnapshotAfterTheLeaseExpired() {
    String query = "SELECT * FROM DIGITALTWINS WHERE temperature > 0";
    QueryPage first = queries.run(query, null, 2);
    assertThat(ids(first, "/$dtId")).containsExactly("room-23", "room-11");
    clock.advance(Duration.ofSeconds(61));
    assertThat(queries.openLeases()).isZero();
    assertThat(graph.openViews()).isZero();
    QueryPage second = queries.run(query, first.continuationToken(), 2);
    assertThat(ids(second, "/$dtId")).containsExactly("room-12", "room-21");
    QueryPage third = queries.run(query, second.continuationToken(), 2);
    assertThat(ids(third, "/$dtId")).containsExactly("room-22");
    assertThat(third.continuationToken()).isNull();
    assertThat(graph.openViews()).isZero();
  }

  @Test
  void continuesFromTheTokenAloneAsAdtClientsSendIt() {
    String query = "SELECT * FROM DIGITALTWINS WHERE temperature > 0";
    QueryPage first = queries.run(query, null, 2);
    QueryPage second = queries.run(null, first.continuationToken(), 2);
    assertThat(ids(second, "/$dtId")).containsExactly("room-12", "room-21");
    clock.advance(Duration.ofSeconds(61));
    QueryPage third = queries.run(null, second.continuationToken(), 2);
    assertThat(ids(third, "/$dtId")).containsExactly("room-22");
  }

  @Test
  void refusesATokenSentWithAnotherQuery() {
    QueryPage first = queries.run("SELECT * FROM DIGITALTWINS WHERE temperature > 0", null, 2);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> queries.run("SELECT * FROM DIGITALTWINS", first.continuationToken(), 2))
        .hasMessageContaining("continues a different query");
  }

  @Test
  void evictsTheLeastRecentlyUsedLeaseWhenTheTableIsFullAndStillResumesIt() {
    String a = "SELECT T.$dtId FROM DIGITALTWINS T";
    String b = "SELECT T.$dtId FROM DIGITALTWINS T WHERE STARTSWITH(T.$dtId, 'room')";
    String c = "SELECT T.$dtId FROM DIGITALTWINS T WHERE IS_OF_MODEL('dtmi:com:example:Room;1')";
    QueryPage pa = queries.run(a, null, 3);
    QueryPage pb = queries.run(b, null, 3);
    QueryPage pc = queries.run(c, null, 3);
    assertThat(queries.openLeases()).isEqualTo(2);
    assertThat(graph.openViews()).isEqualTo(2);
    QueryPage pa2 = queries.run(a, pa.continuationToken(), 3);
    assertThat(ids(pa2, "/$dtId")).containsExactly("pump-1", "pump-2", "pump-3");
    assertThat(ids(queries.run(b, pb.continuationToken(), 3), "/$dtId")).containsExactly("room-22", "room-23");
    assertThat(ids(queries.run(c, pc.continuationToken(), 3), "/$dtId")).containsExactly("room-22", "room-23");
  }

  @Test
  void resumesJoinRowsInsideTheSameRootTwin() {
    String query = "SELECT f.$dtId AS f, r.$dtId AS r FROM DIGITALTWINS f JOIN r RELATED f.contains "
        + "WHERE IS_OF_MODEL(f, 'dtmi:com:example:Floor;1')";
    List<String> live = pageAll(query, false);
    List<String> resumed = pageAll(query, true);
    assertThat(live).containsExactly("floor-1/room-11", "floor-1/room-12", "floor-2/room-21", "floor-2/room-22",
        "floor-2/room-23");
    assertThat(resumed).isEqualTo(live);
  }

  @Test
  void resumesIndexRangeAndRelationshipScansAfterExpiry() {
    assertThat(pageAll("SELECT T.$dtId AS r FROM DIGITALTWINS T WHERE status = 'ok'", true))
        .containsExactly("pump-3", "room-11", "room-12", "room-23");
    assertThat(pageAll("SELECT T.$dtId AS r FROM DIGITALTWINS T WHERE T.status IN ['warn', 'fault']", true))
        .containsExactly("pump-1", "room-22", "pump-2", "room-21");
    assertThat(pageAll("SELECT T.$dtId AS r FROM DIGITALTWINS T WHERE T.status IN ['warn', 'fault']", false))
        .containsExactly("pump-1", "room-22", "pump-2", "room-21");
    assertThat(pageAll("SELECT R.$relationshipId AS r FROM RELATIONSHIPS R", true)).hasSize(13).doesNotHaveDuplicates();
    assertThat(pageAll("SELECT g.status AS r, COUNT() AS n FROM DIGITALTWINS g GROUP BY g.status", true))
        .containsExactly("", "fault", "ok", "warn");
  }

  private List<String> pageAll(String query, boolean expireBetweenPages) {
    List<String> out = new ArrayList<>();
    QueryPage page = queries.run(query, null, 1);
    while (true) {
      for (JsonNode row : page.value()) {
        out.add(row.has("f") ? row.get("f").asText() + "/" + row.get("r").asText() : row.path("r").asText());
      }
      if (page.continuationToken() == null) {
        return out;
      }
      if (expireBetweenPages) {
        clock.advance(Duration.ofMinutes(2));
      }
      page = queries.run(query, page.continuationToken(), 1);
    }
  }

  @Test
  void replayingAnOldTokenReturnsTheSamePageAgain() {
    String query = "SELECT T.$dtId FROM DIGITALTWINS T";
    QueryPage first = queries.run(query, null, 4);
    QueryPage second = queries.run(query, first.continuationToken(), 4);
    QueryPage again = queries.run(query, first.continuationToken(), 4);
    assertThat(again.value()).isEqualTo(second.value());
  }

  @Test
  void servesAtMostTheMaximumPageSize() {
    QueryService small = new QueryService(graph::open, new QueryLimits(5, 10, 1000, 10, 4, Duration.ofSeconds(1), 1),
        clock);
    QueryPage page = small.run("SELECT * FROM DIGITALTWINS", null, 1000);
    assertThat(page.value()).hasSize(4);
    small.close();
    assertThat(graph.openViews()).isZero();
  }

  @Test
  void continuesOnAFreshSnapshotWhenTheEngineExpiredTheLeasedOne() {
    List<MemoryGraph> opened = new ArrayList<>();
    QueryService service = new QueryService(() -> {
      MemoryGraph view = graph.open();
      opened.add(view);
      return view;
    });
    String query = "SELECT T.name FROM DIGITALTWINS T WHERE STARTSWITH(T.$dtId, 'room-')";
    QueryPage first = service.run(query, null, 3);
    opened.get(0).expire();
    QueryPage second = service.run(query, first.continuationToken(), 3);
    assertThat(ids(second, "/name")).containsExactly("Server room", "Office");
    assertThat(opened).hasSize(2);
    assertThat(graph.openViews()).isZero();
  }
}
