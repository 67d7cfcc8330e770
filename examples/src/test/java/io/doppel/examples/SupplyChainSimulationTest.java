package io.doppel.examples;

import static io.doppel.examples.PackScenarios.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.sim.scenario.MetricComparison;
import io.doppel.sim.scenario.ScenarioResult;
import io.doppel.sim.scenario.Stat;
import org.junit.jupiter.api.Test;

/**
 * The supply-chain pack as a simulation: two demand regions order pallets (3.96 and 3.24 an hour) from two
 * distribution centres that pick from (s, S) stock replenished after 12 h on average, and hand the shipments to freight lanes
 * (trucks or train slots) with transit times to the stores. Its example scenarios: a two-day rail strike at Lyon,
 * the same strike with Lyon's shipments rerouted by road, and more safety stock at Lille.
 */
class SupplyChainSimulationTest {
  @Test
  void aRailStrikeBuildsABacklogOnTheLaneAndDelaysDeliveries() throws Exception {
    ScenarioResult r = PackScenarios.run("supply-chain", "rail-strike-at-lyon");
    MetricComparison queue = row(r, "lane-lyon-rail", "queueLength");
    assertThat(queue.verdict()).isEqualTo("worse");
    assertThat(queue.scenario().low()).isGreaterThan(queue.baseline().high());
    MetricComparison delivery = row(r, "network", "meanResponse");
    assertThat(delivery.verdict()).isEqualTo("worse");
    assertThat(delivery.baseline().high()).isLessThan(delivery.scenario().low());
    assertThat(row(r, "lane-lyon-rail", "availability").verdict()).isEqualTo("worse");
    // Lille's lane does not see the strike at Lyon
    assertThat(row(r, "lane-lille-road", "meanResponse").verdict()).isEqualTo("same");
  }

  @Test
  void reroutingByRoadDuringTheStrikeDeliversSoonerThanWaitingForTheTrains() throws Exception {
    ScenarioResult strike = PackScenarios.run("supply-chain", "rail-strike-at-lyon");
    ScenarioResult reroute = PackScenarios.run("supply-chain", "reroute-lyon-by-road");
    Stat waiting = strike.scenario().network().get("meanResponse");
    Stat rerouted = reroute.scenario().network().get("meanResponse");
    assertThat(rerouted.high()).isLessThan(waiting.low());
    assertThat(reroute.scenario().twins().get("lane-lyon-rail").get("throughput").mean()).isZero();
    assertThat(row(reroute, "lane-lyon-road", "costPerHour").verdict()).isEqualTo("worse");
  }

  @Test
  void moreSafetyStockAtLilleMeetsMoreDemandFromStock() throws Exception {
    ScenarioResult r = PackScenarios.run("supply-chain", "more-safety-stock-at-lille");
    MetricComparison fill = row(r, "dc-lille", "fillRate");
    assertThat(fill.verdict()).isEqualTo("better");
    assertThat(fill.baseline().high()).isLessThan(fill.scenario().low());
    assertThat(row(r, "dc-lille", "meanStock").verdict()).isEqualTo("changed");
    // fewer orders wait for a delivery from the factory (their intervals overlap over 10 replications)
    MetricComparison waiting = row(r, "dc-lille", "meanResponse");
    assertThat(waiting.scenario().mean()).isLessThan(waiting.baseline().mean());
    assertThat(row(r, "dc-lyon", "fillRate").verdict()).isEqualTo("same");
  }
}
