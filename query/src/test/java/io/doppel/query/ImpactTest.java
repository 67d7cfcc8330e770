package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.doppel.query.impact.Direction;
import io.doppel.query.impact.ImpactResult;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImpactTest {
  private final QueryService queries = new QueryService(Buildings.graph()::open);

  @Test
  void findsWhatATwinDependsOnDownstreamWithShortestPaths() {
    ImpactResult result = queries.impact("pump-1", Direction.DOWNSTREAM, Set.of("calls"), 5);
    assertThat(result.twins()).extracting(ImpactResult.Impacted::twinId).containsExactly("pump-2", "pump-3");
    ImpactResult.Impacted pump3 = result.twins().get(1);
    assertThat(pump3.distance()).isEqualTo(2);
    assertThat(pump3.model()).isEqualTo(Buildings.PUMP);
    assertThat(pump3.path()).extracting(ImpactResult.Hop::relationshipId).containsExactly("p1-p2", "p2-p3");
  }

  @Test
  void findsTheTwinsThatDependOnATwinUpstreamUpToTheDepth() {
    ImpactResult result = queries.impact("sensor-221", Direction.UPSTREAM, Set.of(), 2);
    assertThat(result.twins()).extracting(ImpactResult.Impacted::twinId).containsExactly("room-22", "floor-2");
    assertThat(result.twins().get(1).path()).extracting(ImpactResult.Hop::sourceId)
        .containsExactly("room-22", "floor-2");
    assertThat(result.toJson().at("/impacted/1/path/1/$relationshipId").asText()).isEqualTo("f2-r22");
    assertThat(result.toJson().get("direction").asText()).isEqualTo("upstream");
  }

  @Test
  void followsOnlyTheNamedRelationships() {
    assertThat(queries.impact("b1", Direction.DOWNSTREAM, Set.of("calls"), 3).twins()).isEmpty();
    assertThat(queries.impact("b1", Direction.DOWNSTREAM, Set.of("contains", "calls"), 1).twins())
        .extracting(ImpactResult.Impacted::twinId).containsExactly("floor-1", "floor-2");
  }

  @Test
  void refusesAnUnknownTwinAndADepthOutOfRange() {
    assertThat(catchThrowableOfType(DoppelException.class,
        () -> queries.impact("nope", Direction.UPSTREAM, Set.of(), 2)).code()).isEqualTo(ErrorCode.TWIN_NOT_FOUND);
    assertThat(catchThrowableOfType(DoppelException.class,
        () -> queries.impact("b1", Direction.UPSTREAM, Set.of(), 11)).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void readsTheDirectionParameter() {
    assertThat(Direction.parse("Upstream")).isEqualTo(Direction.UPSTREAM);
    assertThat(Direction.parse("downstream")).isEqualTo(Direction.DOWNSTREAM);
    assertThat(catchThrowableOfType(DoppelException.class, () -> Direction.parse("sideways")).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }
}
