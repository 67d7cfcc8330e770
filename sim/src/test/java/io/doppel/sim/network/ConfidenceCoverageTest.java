package io.doppel.sim.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import io.doppel.sim.stats.Estimate;
import org.junit.jupiter.api.Test;

/**
 * The 95% intervals mean what they say: over many independent experiments (each its own seed, 10 replications) an
 * M/M/1's analytic mean response time falls inside about 95% of them. Binomial(60, 0.95) has mean 57 and standard
 * deviation 1.7; fewer than 50 hits (4 deviations short) would mean the intervals are too narrow or biased.
 */
class ConfidenceCoverageTest {
  @Test
  void ninetyFivePercentIntervalsCoverAboutNinetyFivePercentOfTheTime() {
    double lambda = 0.5;
    double mu = 1.0;
    Network net = Network.builder()
        .source("in", ArrivalProcess.poisson(lambda), "server")
        .station("server", 1, Distribution.exponential(1 / mu))
        .build();
    int experiments = 60;
    int hits = 0;
    for (int e = 0; e < experiments; e++) {
      SimulationConfig config = SimulationConfig.of(4_000).withWarmup(200).withReplications(10).withSeed(1_000 + e);
      Estimate w = Simulation.run(net, config).station("server", StationMetric.MEAN_RESPONSE);
      if (w.contains(1 / (mu - lambda))) {
        hits++;
      }
    }
    assertThat(hits).isBetween(50, 60);
  }
}
