package io.doppel.examples;

import static io.doppel.examples.PackScenarios.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.sim.scenario.MetricComparison;
import io.doppel.sim.scenario.ScenarioResult;
import org.junit.jupiter.api.Test;

/**
 * The factory pack as a simulation: the assembly line (press 30 s, robots 45 s and 48 s, inspection 24 s, buffers
 * of 8, breakdowns from each machine's mtbfHours/mttrHours) released 90 parts/h, and the pack's example scenario
 * that puts a second robot beside the bottleneck.
 */
class FactorySimulationTest {
  @Test
  void aSecondRobotAtTheBottleneckRaisesTheLineThroughputWithSeparatedIntervals() throws Exception {
    ScenarioResult r = PackScenarios.run("factory", "second-robot-at-the-bottleneck");

    MetricComparison line = row(r, "network", "throughput");
    double before = line.baseline().mean() * 3600;
    double after = line.scenario().mean() * 3600;
    // the bottleneck robot makes at most 75 parts/h; with two, robot-2 (80 parts/h) limits the line
    assertThat(before).isBetween(66.0, 75.0);
    assertThat(after).isBetween(before + 3, 80.0);
    assertThat(line.verdict()).isEqualTo("better");
    assertThat(line.baseline().high()).isLessThan(line.scenario().low());
    assertThat(row(r, "assembly-robot-3", "utilisation").baseline().mean()).isGreaterThan(0.9);
    assertThat(row(r, "assembly-robot-3", "dropProbability").verdict()).isEqualTo("better");
    assertThat(row(r, "assembly-robot-3", "utilisation").verdict()).isEqualTo("changed");
    assertThat(r.baseline().twins().get("assembly-press-1").get("availability").mean()).isLessThanOrEqualTo(1.0);
  }
}
