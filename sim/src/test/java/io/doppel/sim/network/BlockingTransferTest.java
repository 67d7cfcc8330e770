package io.doppel.sim.network;

import static io.doppel.sim.network.Analytic.assertCovers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import org.junit.jupiter.api.Test;

/**
 * A transfer (a conveyor, a robot) into a blocking buffer: the place in the buffer is booked when the part sets
 * off, and a machine whose part finds every place taken or booked keeps it on its server until one frees. Held to
 * the exact Markov chain of the two-machine line with an exponential transfer.
 */
class BlockingTransferTest {
  private static final double WIDE = 0.999;

  /**
   * Poisson arrivals into machine 1 (3 waiting places, arrivals beyond dropped), an exponential transfer (mean
   * 1/theta, any number at once), then machine 2 with 1 waiting place. State (n1, t, n2, b): machine 1's parts
   * (with a blocked one), parts in transfer (each holding a place), machine 2's, and whether machine 1 is blocked.
   */
  @Test
  void aTransferIntoABlockingBufferBooksItsPlaceAsTheMarkovChainSays() {
    double lambda = 0.8;
    double mu1 = 1.0;
    double mu2 = 0.9;
    double theta = 2.0;
    int k1 = 4;
    int k2 = 2;
    Network net = Network.builder()
        .source("parts", ArrivalProcess.poisson(lambda), "m1")
        .station(StationSpec.of("m1", 1, Distribution.exponential(1 / mu1)).withQueueCapacity(k1 - 1))
        .route(new Route("m1", "m2", 1).withDelay(Distribution.exponential(1 / theta)))
        .station(StationSpec.of("m2", 1, Distribution.exponential(1 / mu2)).withQueueCapacity(k2 - 1).withBlocking())
        .build();
    SimulationResult r = Simulation.run(net,
        SimulationConfig.of(100_000).withWarmup(1_000).withReplications(10).withSeed(86));

    MarkovChain chain = new MarkovChain((k1 + 1) * (k2 + 1) * (k2 + 1) * 2);
    for (int n1 = 0; n1 <= k1; n1++) {
      for (int t = 0; t <= k2; t++) {
        for (int n2 = 0; n2 + t <= k2; n2++) {
          for (int b = 0; b <= 1; b++) {
            if (b == 1 && (n1 == 0 || n2 + t != k2)) {
              continue;
            }
            int s = index(n1, t, n2, b, k2);
            if (n1 < k1) {
              chain.rate(s, index(n1 + 1, t, n2, b, k2), lambda);
            }
            if (n1 > 0 && b == 0) {
              // a place free (neither taken nor booked): the part sets off; else machine 1 blocks
              chain.rate(s, n2 + t < k2 ? index(n1 - 1, t + 1, n2, 0, k2) : index(n1, t, n2, 1, k2), mu1);
            }
            if (t > 0) {
              chain.rate(s, index(n1, t - 1, n2 + 1, b, k2), t * theta);
            }
            if (n2 > 0) {
              // the place freed goes to the blocked part, which sets off
              chain.rate(s, b == 1 ? index(n1 - 1, t + 1, n2 - 1, 0, k2) : index(n1, t, n2 - 1, 0, k2), mu2);
            }
          }
        }
      }
    }
    double[] pi = chain.stationary();
    double full1 = 0;
    double blocked = 0;
    double busy2 = 0;
    double l1 = 0;
    double inTransfer = 0;
    double l2 = 0;
    for (int n1 = 0; n1 <= k1; n1++) {
      for (int t = 0; t <= k2; t++) {
        for (int n2 = 0; n2 + t <= k2; n2++) {
          for (int b = 0; b <= 1; b++) {
            double p = pi[index(n1, t, n2, b, k2)];
            full1 += n1 == k1 ? p : 0;
            blocked += b * p;
            busy2 += n2 > 0 ? p : 0;
            l1 += n1 * p;
            inTransfer += t * p;
            l2 += n2 * p;
          }
        }
      }
    }
    double throughput = mu2 * busy2;
    assertCovers(r.station("m1", StationMetric.DROP_PROBABILITY), full1, 0.05, "P(m1 full)");
    assertCovers(r.station("m1", StationMetric.MEAN_BLOCKED, WIDE), blocked, 0.08, "P(m1 blocked)");
    assertCovers(r.station("m2", StationMetric.THROUGHPUT, WIDE), throughput, 0.03, "line throughput");
    assertCovers(r.station("m1", StationMetric.MEAN_IN_STATION, WIDE), l1, 0.05, "L1");
    assertCovers(r.station("m2", StationMetric.MEAN_IN_STATION, WIDE), l2, 0.05, "L2");
    // Little over the whole line: machine 1, the transfer and machine 2
    assertCovers(r.network(NetworkMetric.MEAN_RESPONSE, WIDE), (l1 + inTransfer + l2) / throughput, 0.05,
        "line W");
    assertThat(r.station("m2", StationMetric.DROP_PROBABILITY).mean()).isZero();
  }

  private static int index(int n1, int t, int n2, int b, int k2) {
    return ((n1 * (k2 + 1) + t) * (k2 + 1) + n2) * 2 + b;
  }

  /**
   * Deterministic: parts every 1.0 into machine 1 (0.5 each), a transfer of 3.0, machine 2 (2.5 each) with no
   * waiting place. With the place booked at departure machine 1 waits for machine 2 to be free of the part before
   * and of any part on the way, so the line runs at one part per 3.0 + 2.5 = 5.5 and nothing is dropped at m2.
   */
  @Test
  void aPlaceIsBookedForTheWholeTransfer() {
    Network net = Network.builder()
        .source(new SourceSpec("parts", ArrivalProcess.constant(1), 1_000))
        .route("parts", "m1", 1)
        .station(StationSpec.of("m1", 1, Distribution.deterministic(0.5)))
        .route(new Route("m1", "m2", 1).withDelay(Distribution.deterministic(3)))
        .station(StationSpec.of("m2", 1, Distribution.deterministic(2.5)).withQueueCapacity(0).withBlocking())
        .build();
    ReplicationResult r = Simulation.run(net, SimulationConfig.of(1_000)).replications().getFirst();
    StationResult m2 = r.stations().get(1);
    assertThat(m2.drops()).isZero();
    assertThat(m2.throughput()).isCloseTo(1 / 5.5, within(0.002));
  }
}
