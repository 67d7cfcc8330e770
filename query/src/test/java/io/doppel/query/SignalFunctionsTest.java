package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.query.spi.TwinSignals;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** ANOMALY_SCORE, IS_ANOMALOUS and WARNING_WITHIN over the example buildings, with signals from a table. */
class SignalFunctionsTest {
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  /** Scores and warnings by "twin/series". */
  static final class Table implements TwinSignals {
    final Map<String, Double> scores = Map.of("room-11/temperature", 0.1, "room-21/temperature", 0.95,
        "room-22/temperature", 0.85, "sensor-211/reading", 0.99);
    final Map<String, Instant> warnings = Map.of("pump-1/flow", NOW.plus(Duration.ofHours(5)),
        "pump-2/flow", NOW.plus(Duration.ofHours(30)), "pump-3/flow", NOW.minus(Duration.ofHours(1)),
        "room-22/temperature", NOW.plus(Duration.ofHours(2)));

    @Override
    public @Nullable Double anomalyScore(String twinId, String series) {
      return scores.get(twinId + "/" + series);
    }

    @Override
    public @Nullable Boolean anomalous(String twinId, String series) {
      Double s = anomalyScore(twinId, series);
      return s == null ? null : s >= 0.9;
    }

    @Override
    public @Nullable Instant warningAt(String twinId, String series) {
      return warnings.get(twinId + "/" + series);
    }

    @Override
    public Instant now() {
      return NOW;
    }
  }

  private final QueryService queries = new QueryService(Buildings.graph()::open, PastSnapshots.NONE,
      QueryLimits.defaults(), Clock.systemUTC(), new Table());

  private List<String> ids(String query) {
    List<String> out = new ArrayList<>();
    QueryPage page = queries.run(query, null, 100);
    page.value().forEach(row -> out.add(row.path("$dtId").asText()));
    return out;
  }

  @Test
  void anomalyScoreComparesLikeANumber() {
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE ANOMALY_SCORE(T, 'temperature') > 0.8"))
        .containsExactly("room-21", "room-22");
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE ANOMALY_SCORE(T, 'temperature') <= 0.5"))
        .as("unscored twins are undefined, not low").containsExactly("room-11");
    assertThat(ids("SELECT $dtId FROM DIGITALTWINS WHERE ANOMALY_SCORE('reading') >= 0.99"))
        .containsExactly("sensor-211");
  }

  @Test
  void isAnomalousIsABooleanAndUndefinedWhenUnscored() {
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE IS_ANOMALOUS(T, 'temperature')"))
        .containsExactly("room-21");
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE NOT IS_ANOMALOUS(T, 'temperature')"))
        .containsExactly("room-11", "room-22");
  }

  @Test
  void warningWithinCountsFromNowAndCombinesWithProperties() {
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE WARNING_WITHIN(T, 'flow', 'PT24H')"))
        .as("already crossed counts too").containsExactly("pump-1", "pump-3");
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE WARNING_WITHIN(T, 'flow', 'P2D')"))
        .containsExactly("pump-1", "pump-2", "pump-3");
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE WARNING_WITHIN(T, 'flow', 'PT24H') "
        + "AND T.status = 'fault'")).containsExactly("pump-1");
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:com:example:Room;1') "
        + "AND (WARNING_WITHIN(T, 'temperature', 'PT3H') OR ANOMALY_SCORE(T, 'temperature') > 0.9)"))
        .containsExactly("room-21", "room-22");
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE NOT WARNING_WITHIN(T, 'flow', 'PT24H') "
        + "AND IS_OF_MODEL(T, 'dtmi:com:example:Pump;1')")).containsExactly("pump-2");
  }

  @Test
  void worksOnAJoinedCollection() {
    List<String> rooms = new ArrayList<>();
    queries.run("SELECT room.$dtId AS id FROM DIGITALTWINS floor JOIN room RELATED floor.contains "
        + "WHERE floor.$dtId = 'floor-2' AND ANOMALY_SCORE(room, 'temperature') > 0.8", null, 100).value()
        .forEach(r -> rooms.add(r.path("id").asText()));
    assertThat(rooms).containsExactly("room-21", "room-22");
  }

  @Test
  void explainShowsThemAsFilters() {
    JsonNode plan = queries.explain("SELECT * FROM DIGITALTWINS T WHERE T.status = 'fault' "
        + "AND WARNING_WITHIN(T, 'flow', 'PT24H')");
    assertThat(plan.at("/start/residualFilters").toString()).contains("WARNING_WITHIN(T, 'flow', 'PT24H')");
    JsonNode score = queries.explain("SELECT * FROM DIGITALTWINS WHERE ANOMALY_SCORE('temperature') > 0.8");
    assertThat(score.at("/start/residualFilters/0").asText()).isEqualTo("ANOMALY_SCORE('temperature') > 0.8");
    assertThat(score.at("/execution/rowsReturned").asLong()).isEqualTo(2);
  }

  @Test
  void withoutSignalsNothingMatches() {
    QueryService plain = new QueryService(Buildings.graph()::open);
    assertThat(plain.run("SELECT * FROM DIGITALTWINS WHERE ANOMALY_SCORE('temperature') >= 0", null, 100).value())
        .isEmpty();
    assertThat(plain.run("SELECT * FROM DIGITALTWINS WHERE WARNING_WITHIN('flow', 'PT24H')", null, 100).value())
        .isEmpty();
  }

  @Test
  void badCallsAreNamedWithTheirPosition() {
    invalid("SELECT * FROM DIGITALTWINS WHERE ANOMALY_SCORE() > 1", "wrongArgumentCount", "1:34");
    invalid("SELECT * FROM DIGITALTWINS T WHERE ANOMALY_SCORE(T, temperature) > 1", "typeMismatch", "1:53");
    invalid("SELECT * FROM DIGITALTWINS T WHERE WARNING_WITHIN(T, 'flow', 'soon')", "invalidDuration", "1:62");
    invalid("SELECT * FROM DIGITALTWINS T WHERE WARNING_WITHIN(T, 'flow')", "typeMismatch", "1:51");
    invalid("SELECT * FROM DIGITALTWINS floor JOIN room RELATED floor.contains WHERE IS_ANOMALOUS('t')",
        "ambiguousCollection", "1:73");
    invalid("SELECT * FROM RELATIONSHIPS R WHERE IS_ANOMALOUS(R, 't')", "typeMismatch", "1:50");
  }

  private void invalid(String query, String code, String target) {
    DoppelException e = catchThrowableOfType(DoppelException.class, () -> queries.run(query, null, 10));
    assertThat(e).as(query).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.QUERY_INVALID);
    assertThat(e.details().get(0).code()).as(query + ": " + e.getMessage()).isEqualTo(code);
    assertThat(e.details().get(0).target()).as(query + ": " + e.getMessage()).isEqualTo(target);
  }
}
