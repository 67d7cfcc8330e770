package io.doppel.sim.network;

import static io.doppel.sim.network.Analytic.assertCovers;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import org.junit.jupiter.api.Test;

/**
 * Transport delays: time on a route with no queue (an infinite-server delay). Poisson traffic through such a delay
 * stays Poisson, so a tandem of M/M/1 stations with a delay between them is still a Jackson network, and the
 * network's mean response is the stations' sojourns plus the delays' means.
 */
class TransportDelayTest {
  @Test
  void delaysAddTheirMeanToTheResponseAndLeaveTheStationsAlone() {
    double lambda = 0.6;
    Network net = Network.builder()
        .source(SourceSpec.of("orders", ArrivalProcess.poisson(lambda)))
        .route(new Route("orders", "pick", 1).withDelay(Distribution.deterministic(3)))
        .station("pick", 1, Distribution.exponential(1))
        .route(new Route("pick", "pack", 1).withDelay(Distribution.uniform(1, 9)))
        .station("pack", 1, Distribution.exponential(1 / 1.5))
        .build();
    SimulationResult r = Simulation.run(net,
        SimulationConfig.of(60_000).withWarmup(2_000).withReplications(10).withSeed(41));
    double pick = 1 / (1 - lambda);
    double pack = 1 / (1.5 - lambda);
    assertCovers(r.network(NetworkMetric.MEAN_RESPONSE), 3 + pick + 5 + pack, 0.03, "network W");
    assertCovers(r.station("pack", StationMetric.MEAN_RESPONSE, 0.999), pack, 0.06, "pack W");
    assertCovers(r.station("pack", StationMetric.THROUGHPUT, 0.999), lambda, 0.04, "pack throughput");
  }
}
