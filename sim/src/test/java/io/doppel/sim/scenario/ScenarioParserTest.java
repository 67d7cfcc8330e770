package io.doppel.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.sim.twin.ShopTwins;
import io.doppel.twin.DoppelException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {
  @Test
  void defaultsAndAFullDefinition() throws Exception {
    ScenarioDefinition d = ScenarioParser.parse(ShopTwins.JSON.readTree("""
        {"name": "peak", "base": "2026-01-01T00:00:00Z", "horizon": 600,
         "changes": [{"type": "flood", "twin": "api", "rate": 5, "start": 100}],
         "workload": {"users": {"type": "daily", "rates": [1,1,1,1,1,1,2,3,4,4,4,4,4,4,4,4,4,4,3,2,2,1,1,1]}}}"""));
    assertThat(d.base()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(d.run().replications()).isEqualTo(10);
    assertThat(d.run().warmup()).isEqualTo(60);
    assertThat(d.changes()).containsExactly(new Change.Flood("api", 5, 100, 500));
    assertThat(d.workload().get("users")).isInstanceOf(ArrivalSpec.Daily.class);
  }

  @Test
  void badFieldsAreNamed() {
    rejected("{\"horizon\": -1}", "horizon");
    rejected("{\"replications\": 1}", "replications");
    rejected("{\"base\": \"yesterday\"}", "base");
    rejected("{\"colour\": 1}", "colour");
    rejected("{\"changes\": [{\"type\": \"demand\", \"factor\": -2}]}", "changes[0].factor");
    rejected("{\"changes\": [{\"type\": \"explode\"}]}", "changes[0].type");
    rejected("{\"changes\": [{\"type\": \"flood\", \"twin\": \"api\", \"rate\": 5, \"start\": 99999}]}",
        "changes[0].start");
    rejected("{\"workload\": {\"users\": {\"type\": \"poisson\", \"rate\": -3}}}", "workload.users.rate");
    rejected("{\"workload\": {\"users\": {\"type\": \"daily\", \"rates\": [1, 2]}}}", "workload.users.rates");
    rejected("{\"horizon\": 100, \"window\": 0.001}", "window");
  }

  private static void rejected(String json, String field) {
    assertThatThrownBy(() -> ScenarioParser.parse(ShopTwins.JSON.readTree(json)))
        .isInstanceOfSatisfying(DoppelException.class, e -> assertThat(e.getMessage()).startsWith(field + ":"));
  }
}
