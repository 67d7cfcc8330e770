package io.doppel.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.doppel.sim.dist.Distribution;
import io.doppel.sim.network.Route;
import io.doppel.sim.network.StationSpec;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import org.junit.jupiter.api.Test;

class NetworkCompilerTest {
  @Test
  void aSnapshotCompilesWithRoutersFoldedSinksAsExitsAndUnitsInSeconds() {
    SimGraph graph = ShopTwins.graph();
    assertThat(graph.twins()).extracting(SimTwin::id).containsExactly("api", "db", "gateway", "payments", "users");
    CompiledNetwork compiled = NetworkCompiler.compile(graph);
    assertThat(compiled.network().sources()).singleElement().satisfies(s -> {
      assertThat(s.id()).isEqualTo("users");
      assertThat(s.arrivals().meanRate()).isEqualTo(8.0);
    });
    assertThat(compiled.network().stations()).extracting(StationSpec::id).containsExactly("api", "db");
    StationSpec api = compiled.network().stations().getFirst();
    assertThat(api.servers()).isEqualTo(2);
    assertThat(api.service()).isEqualTo(Distribution.exponential(0.1));
    assertThat(api.bounded()).isFalse();
    assertThat(compiled.network().routes()).containsExactlyInAnyOrder(new Route("users", "api", 1.0),
        new Route("api", "db", 0.5));
    assertThat(compiled.offeredLoad().get("api")).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(compiled.offeredLoad().get("db")).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(compiled.costPerHour()).containsEntry("api", 1.0).containsEntry("db", 2.0);
    assertThat(compiled.warnings()).isEmpty();
  }

  @Test
  void badPropertiesAreRejectedNamingTheTwinAndProperty() {
    assertRejected(edit("api", "replicas", IntNode.valueOf(0)), "twins[api].replicas");
    assertRejected(edit("db", "serviceTime", IntNode.valueOf(-5)), "twins[db].serviceTime");
    assertRejected(edit("db", "serviceTime", TextNode.valueOf("fast")), "twins[db].serviceTime");
    assertRejected(edit("users", "rate", IntNode.valueOf(0)), "twins[users].rate");
    assertRejected(edit("api", "queue", IntNode.valueOf(-1)), "twins[api].queue");
    SimGraph tooMuch = ShopTwins.graph();
    tooMuch.flow("api-db").properties().put("p", 0.9);
    assertRejected(tooMuch, "twins[api].flows");
    SimGraph noMean = ShopTwins.graph();
    noMean.twin("db").properties().remove("serviceTime");
    assertRejected(noMean, "twins[db].serviceTime");
  }

  @Test
  void anOverloadedUnboundedStationIsCompiledWithAWarning() {
    CompiledNetwork compiled = NetworkCompiler.compile(edit("db", "serviceTime", IntNode.valueOf(300)));
    assertThat(compiled.offeredLoad().get("db")).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(compiled.warnings()).singleElement().asString().startsWith("twins[db]: offered load 1.200 >= 1");
  }

  @Test
  void removingATwinRemovesItsFlows() {
    SimGraph graph = ShopTwins.graph();
    assertThat(graph.removeTwin("db")).isTrue();
    assertThat(graph.flows()).extracting(SimFlowEdge::id).doesNotContain("api-db");
    assertThat(NetworkCompiler.compile(graph).network().stations()).extracting(StationSpec::id)
        .containsExactly("api");
  }

  private static SimGraph edit(String twin, String property, com.fasterxml.jackson.databind.JsonNode value) {
    SimGraph graph = ShopTwins.graph();
    graph.twin(twin).properties().set(property, value);
    return graph;
  }

  private static void assertRejected(SimGraph graph, String field) {
    assertThatThrownBy(() -> NetworkCompiler.compile(graph))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).startsWith(field + ":");
        });
  }
}
