package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.model.Dtmi;
import io.doppel.query.spi.SeriesForecast;
import io.doppel.query.spi.TwinSignals;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** FORECAST and FORECAST_CROSSES over the example buildings, with hourly forecasts from a table. */
class ForecastFunctionsTest {
  static final Instant NOW = SignalFunctionsTest.NOW;
  /** The newest bucket of every forecast's history: half an hour before now. */
  static final Instant ORIGIN = NOW.minus(Duration.ofMinutes(30));

  /** Forecasts by "twin/series"; records which horizons were asked for. */
  static final class Table implements TwinSignals {
    final Map<String, SeriesForecast> forecasts = new HashMap<>();
    final List<Duration> asked = new ArrayList<>();

    Table() {
      // rising 5 an hour from 50: reaches 90 at the 8th step (now + 7.5 h)
      forecasts.put("pump-1/flow", hourly(50, 48, i -> 50 + 5 * (i + 1), 3));
      // flat at 50 with an interval that widens by 2 an hour: only its upper bound reaches 90 (step 20)
      forecasts.put("pump-2/flow", widening(50, 48, 2));
      // flat at 40, and only 6 steps long (to now + 5.5 h)
      forecasts.put("pump-3/flow", hourly(40, 6, i -> 40, 1));
      // falling 1 an hour from 30: reaches 20 at step 10
      forecasts.put("room-21/temperature", hourly(30, 48, i -> 30 - (i + 1), 0.5));
    }

    static SeriesForecast hourly(double last, int steps, IntToDoubleFunction point, double halfWidth) {
      double[] p = new double[steps];
      double[] lo = new double[steps];
      double[] hi = new double[steps];
      for (int i = 0; i < steps; i++) {
        p[i] = point.applyAsDouble(i);
        lo[i] = p[i] - halfWidth;
        hi[i] = p[i] + halfWidth;
      }
      return new SeriesForecast(ORIGIN, Duration.ofHours(1), last, p, lo, hi);
    }

    static SeriesForecast widening(double level, int steps, double perStep) {
      double[] p = new double[steps];
      double[] lo = new double[steps];
      double[] hi = new double[steps];
      for (int i = 0; i < steps; i++) {
        p[i] = level;
        lo[i] = level - perStep * (i + 1);
        hi[i] = level + perStep * (i + 1);
      }
      return new SeriesForecast(ORIGIN, Duration.ofHours(1), level, p, lo, hi);
    }

    @Override
    public @Nullable Double anomalyScore(String twinId, String series) {
      return null;
    }

    @Override
    public @Nullable Boolean anomalous(String twinId, String series) {
      return null;
    }

    @Override
    public @Nullable Instant warningAt(String twinId, String series) {
      return null;
    }

    @Override
    public @Nullable SeriesForecast forecast(String twinId, String series, Duration horizon) {
      asked.add(horizon);
      return forecasts.get(twinId + "/" + series);
    }

    @Override
    public Instant now() {
      return NOW;
    }
  }

  private final Table table = new Table();
  private final QueryService queries = new QueryService(Buildings.graph()::open, time -> Buildings.graph().open(),
      QueryLimits.defaults(), Clock.systemUTC(), table);

  private List<String> ids(String query) {
    List<String> out = new ArrayList<>();
    queries.run(query, null, 100).value().forEach(row -> out.add(row.path("$dtId").asText()));
    return out;
  }

  @Test
  void crossesWhenThePointForecastReachesTheThresholdInTime() {
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE FORECAST_CROSSES(T, 'flow', 90, 'PT24H')"))
        .containsExactly("pump-1");
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE FORECAST_CROSSES(T, 'flow', 90, 'PT7H')"))
        .as("the crossing is at now + 7.5 h").isEmpty();
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE FORECAST_CROSSES(T, 'flow', 90, 'PT7H30M')"))
        .containsExactly("pump-1");
    assertThat(table.asked).contains(Duration.ofHours(24), Duration.ofMinutes(450));
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:com:example:Pump;1') "
        + "AND FORECAST_CROSSES(T, 'flow', 90, 'PT24H') AND T.status = 'warn'")).isEmpty();
  }

  @Test
  void theFifthArgumentChoosesTheLineThatMustCross() {
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE FORECAST_CROSSES(T, 'flow', 90, 'PT24H', 'upper')"))
        .containsExactly("pump-1", "pump-2");
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE FORECAST_CROSSES(T, 'flow', 90, 'PT19H', 'upper')"))
        .as("pump-2's upper bound reaches 90 at now + 19.5 h").containsExactly("pump-1");
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE FORECAST_CROSSES(T, 'flow', 90, 'PT8H', 'lower')"))
        .as("pump-1's lower bound reaches 90 at now + 8.5 h").isEmpty();
    assertThat(ids("SELECT $dtId FROM DIGITALTWINS WHERE FORECAST_CROSSES('flow', 90, 'PT9H', 'LOWER')"))
        .containsExactly("pump-1");
  }

  @Test
  void crossesDownwardsFromAbove() {
    assertThat(ids("SELECT $dtId FROM DIGITALTWINS WHERE FORECAST_CROSSES('temperature', 20, 'PT24H')"))
        .containsExactly("room-21");
    assertThat(ids("SELECT $dtId FROM DIGITALTWINS WHERE FORECAST_CROSSES('temperature', 35, 'PT24H')"))
        .as("rising to 35 is the other way").isEmpty();
  }

  @Test
  void undefinedBeyondTheForecastOrWithoutOne() {
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE NOT FORECAST_CROSSES(T, 'flow', 90, 'PT12H')"))
        .as("pump-3's forecast ends before 12 h: it cannot say; unforecast twins are undefined too")
        .containsExactly("pump-2");
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE NOT FORECAST_CROSSES(T, 'flow', 90, 'PT5H')"))
        .containsExactly("pump-1", "pump-2", "pump-3");
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE FORECAST(T, 'flow', 'PT5H') >= 0"))
        .containsExactly("pump-1", "pump-2", "pump-3");
    assertThat(ids("SELECT T.$dtId FROM DIGITALTWINS T WHERE FORECAST(T, 'flow', 'PT6H') >= 0"))
        .containsExactly("pump-1", "pump-2");
  }

  @Test
  void forecastIsThePointForecastAtNowPlusTheDurationAndCanBeProjected() {
    List<JsonNode> rows = queries.run("SELECT T.$dtId, FORECAST(T, 'flow', 'PT1H') AS f1h, FORECAST(T, 'flow', "
        + "'PT2H') FROM DIGITALTWINS T WHERE FORECAST(T, 'flow', 'PT1H') > 52", null, 100).value();
    assertThat(rows).hasSize(1);
    // now + 1 h is half way between the 1st (55) and 2nd (60) forecast steps
    assertThat(rows.get(0).path("$dtId").asText()).isEqualTo("pump-1");
    assertThat(rows.get(0).path("f1h").asDouble()).isEqualTo(57.5);
    assertThat(rows.get(0).path("FORECAST").asDouble()).isEqualTo(62.5);
    List<JsonNode> undefined = queries.run("SELECT T.$dtId, FORECAST(T, 'flow', 'P3D') AS far FROM DIGITALTWINS T "
        + "WHERE T.$dtId = 'pump-1'", null, 10).value();
    assertThat(undefined.get(0).has("far")).as("beyond the 48 steps: left out, as a missing property").isFalse();
  }

  @Test
  void explainListsThemAsResidualFilters() {
    JsonNode plan = queries.explain("SELECT * FROM DIGITALTWINS T WHERE T.status = 'fault' "
        + "AND FORECAST_CROSSES(T, 'flow', 90, 'PT24H') AND FORECAST(T, 'flow', 'PT1H') > 52.5");
    assertThat(plan.at("/start/residualFilters").toString())
        .contains("FORECAST_CROSSES(T, 'flow', 90, 'PT24H', 'point')", "FORECAST(T, 'flow', 'PT1H') > 52.5");
    assertThat(plan.at("/execution/rowsReturned").asLong()).isEqualTo(1);
  }

  @Test
  void undefinedAsOfAPastTimeAndInStreamFilters() throws Exception {
    String either = "SELECT T.$dtId FROM DIGITALTWINS T WHERE FORECAST(T, 'flow', 'PT1H') >= 0 "
        + "OR NOT FORECAST_CROSSES(T, 'flow', 90, 'PT1H')";
    assertThat(ids(either)).containsExactly("pump-1", "pump-2", "pump-3");
    assertThat(ids(either + " AS OF '" + NOW.minus(Duration.ofHours(1)) + "'")).isEmpty();
    Predicate filter = Predicate.parse("FORECAST_CROSSES('flow', 90, 'PT24H') OR FORECAST('flow', 'PT1H') > 0");
    JsonNode twin = MemoryGraph.JSON.readTree("{\"$metadata\":{\"$model\":\"dtmi:com:example:Pump;1\"},\"flow\":1}");
    assertThat(filter.matches("pump-1", twin, Set.of(Dtmi.parse("dtmi:com:example:Pump;1")))).isFalse();
  }

  @Test
  void badCallsAreNamedWithTheirPosition() {
    invalid("SELECT * FROM DIGITALTWINS T WHERE FORECAST_CROSSES(T, 'flow', 90)", "wrongArgumentCount", "1:36");
    invalid("SELECT * FROM DIGITALTWINS T WHERE FORECAST_CROSSES('flow', 90, 'PT1H', 'upper', 1)",
        "wrongArgumentCount", "1:36");
    invalid("SELECT * FROM DIGITALTWINS T WHERE FORECAST(T, 'flow', 'PT1H', 1) > 1", "wrongArgumentCount", "1:36");
    invalid("SELECT * FROM DIGITALTWINS T WHERE FORECAST_CROSSES(T, 'flow', '90', 'PT1H')", "typeMismatch", "1:64");
    invalid("SELECT * FROM DIGITALTWINS T WHERE FORECAST_CROSSES(T, flow, 90, 'PT1H')", "typeMismatch", "1:56");
    invalid("SELECT * FROM DIGITALTWINS T WHERE FORECAST(T, 'flow', 3600) > 1", "typeMismatch", "1:56");
    invalid("SELECT * FROM DIGITALTWINS T WHERE FORECAST(T, 'flow', 'soon') > 1", "invalidDuration", "1:56");
    invalid("SELECT * FROM DIGITALTWINS T WHERE FORECAST(T, 'flow', 'PT0S') > 1", "invalidDuration", "1:56");
    invalid("SELECT * FROM DIGITALTWINS T WHERE FORECAST_CROSSES(T, 'flow', 90, '-PT1H')", "invalidDuration",
        "1:68");
    invalid("SELECT * FROM DIGITALTWINS T WHERE FORECAST_CROSSES(T, 'flow', 90, 'PT1H', 'max')",
        "invalidForecastLine", "1:76");
    invalid("SELECT * FROM DIGITALTWINS floor JOIN room RELATED floor.contains WHERE FORECAST('t', 'PT1H') > 1",
        "ambiguousCollection", "1:73");
    invalid("SELECT * FROM RELATIONSHIPS R WHERE FORECAST_CROSSES(R, 't', 1, 'PT1H')", "typeMismatch", "1:54");
    invalid("SELECT FORECAST(T, 'flow', 'PT1H') AS f, T.f FROM DIGITALTWINS T", "duplicateColumn", "1:42");
  }

  private void invalid(String query, String code, String target) {
    DoppelException e = catchThrowableOfType(DoppelException.class, () -> queries.run(query, null, 10));
    assertThat(e).as(query).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.QUERY_INVALID);
    assertThat(e.details().get(0).code()).as(query + ": " + e.getMessage()).isEqualTo(code);
    assertThat(e.details().get(0).target()).as(query + ": " + e.getMessage()).isEqualTo(target);
  }
}
