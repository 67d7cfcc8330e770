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

  @Test
  void aHorizonOfATenthOfAMillisecondCompiles() {
    // found by a long scenario-mutation run (input #249,309): a demand change over a horizon of 1e-4 s made the
    // rate curve's slot index -1 (ArrayIndexOutOfBoundsException, a 500 over HTTP)
    assertThat(ScenarioTrial.run("{\"horizon\":1E-4,\"changes\":[{\"type\":\"demand\",\"factor\":1}]}"))
        .isEqualTo("compiled");
  }
}
