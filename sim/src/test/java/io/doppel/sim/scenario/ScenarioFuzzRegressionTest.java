package io.doppel.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.sim.twin.ShopTwins;
import io.doppel.twin.DoppelException;
import org.junit.jupiter.api.Test;

/** Inputs the scenario fuzzers found, minimised, kept as regular tests. */
class ScenarioFuzzRegressionTest {
  @Test
  void aMemberWithAnEmptyNameIsNamedInTheError() {
    // found by scenario-mutation: {"": 6} was refused as ": is not a scenario field", naming nothing
    assertThatThrownBy(() -> ScenarioParser.parse(ShopTwins.JSON.readTree("{\"horizon\": 2, \"\": 6}")))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.getMessage()).startsWith("\"\": is not a scenario field");
          assertThat(e.details()).singleElement().satisfies(d -> assertThat(d.target()).isEqualTo("\"\""));
        });
  }
}
