package io.doppel.sim.network;

import static io.doppel.sim.network.Analytic.assertCovers;
import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import org.junit.jupiter.api.Test;

/**
 * A finite buffer that blocks the machine upstream, against the exact Markov chain of the two-machine line; an
 * inventory's fill rate and stock on hand against the exact results for (r, Q) with backorders and with lost sales.
 */
class BuffersAndInventoryTest {
  private static final double WIDE = 0.999;

  /**
   * Poisson arrivals into machine 1 (3 waiting places, arrivals beyond dropped), then a buffer of 1 place in front
   * of machine 2; machine 1 blocks when it finishes and machine 2's place is taken. State (n1, n2, blocked), n1
   * counting machine 1's customers with the blocked one, n2 machine 2's.
   */
  @Test
  void aFullBufferBlocksTheMachineUpstreamAsTheMarkovChainSays() {
    double lambda = 0.8;
    double mu1 = 1.0;
    double mu2 = 0.9;
    int k1 = 4;
    int k2 = 2;
    Network net = Network.builder()
        .source("parts", ArrivalProcess.poisson(lambda), "m1")
        .station(StationSpec.of("m1", 1, Distribution.exponential(1 / mu1)).withQueueCapacity(k1 - 1))
        .route("m1", "m2", 1)
        .station(StationSpec.of("m2", 1, Distribution.exponential(1 / mu2)).withQueueCapacity(k2 - 1).withBlocking())
        .build();
    SimulationResult r = Simulation.run(net,
        SimulationConfig.of(100_000).withWarmup(1_000).withReplications(10).withSeed(51));

    int states = (k1 + 1) * (k2 + 1) * 2;
    MarkovChain chain = new MarkovChain(states);
    for (int n1 = 0; n1 <= k1; n1++) {
      for (int n2 = 0; n2 <= k2; n2++) {
        for (int b = 0; b <= 1; b++) {
          if (b == 1 && (n2 != k2 || n1 == 0)) {
            continue;
          }
          int s = index(n1, n2, b, k2);
          if (n1 < k1) {
            chain.rate(s, index(n1 + 1, n2, b, k2), lambda);
          }
          if (n1 > 0 && b == 0) {
            chain.rate(s, n2 < k2 ? index(n1 - 1, n2 + 1, 0, k2) : index(n1, n2, 1, k2), mu1);
          }
          if (n2 > 0) {
            chain.rate(s, b == 1 ? index(n1 - 1, n2, 0, k2) : index(n1, n2 - 1, 0, k2), mu2);
          }
        }
      }
    }
    double[] pi = chain.stationary();
    double full1 = 0;
    double blocked = 0;
    double busy2 = 0;
    double l1 = 0;
    double l2 = 0;
    for (int n1 = 0; n1 <= k1; n1++) {
      for (int n2 = 0; n2 <= k2; n2++) {
        for (int b = 0; b <= 1; b++) {
          double p = pi[index(n1, n2, b, k2)];
          full1 += n1 == k1 ? p : 0;
          blocked += b * p;
          busy2 += n2 > 0 ? p : 0;
          l1 += n1 * p;
          l2 += n2 * p;
        }
      }
    }
    assertCovers(r.station("m1", StationMetric.DROP_PROBABILITY), full1, 0.05, "P(m1 full)");
    assertCovers(r.station("m1", StationMetric.MEAN_BLOCKED, WIDE), blocked, 0.08, "P(m1 blocked)");
    assertCovers(r.station("m2", StationMetric.THROUGHPUT, WIDE), mu2 * busy2, 0.03, "line throughput");
    assertCovers(r.station("m1", StationMetric.MEAN_IN_STATION, WIDE), l1, 0.05, "L1");
    assertCovers(r.station("m2", StationMetric.MEAN_IN_STATION, WIDE), l2, 0.05, "L2");
    assertThat(r.station("m2", StationMetric.DROP_PROBABILITY).mean()).isZero();
  }

  private static int index(int n1, int n2, int b, int k2) {
    return (n1 * (k2 + 1) + n2) * 2 + b;
  }

  /**
   * (r, Q) with backorders, Poisson demand lambda and a fixed lead time L: the inventory position is uniform on
   * r + 1 .. r + Q, and the stock on hand is (IP - D)^+ with D ~ Poisson(lambda L) the demand over the lead time;
   * a demand is met from stock when IP - D >= 1.
   */
  @Test
  void rQWithBackordersMatchesTheExactFillRateAndStock() {
    double lambda = 1;
    double lead = 2;
    int r = 2;
    int q = 3;
    Network net = Network.builder()
        .source("demand", ArrivalProcess.poisson(lambda), "store")
        .station(StationSpec.of("store", 1, Distribution.deterministic(0))
            .withInventory(Inventory.rQ(r, q, Distribution.deterministic(lead), Inventory.Shortage.BACKORDER)))
        .build();
    SimulationResult res = Simulation.run(net,
        SimulationConfig.of(60_000).withWarmup(500).withReplications(10).withSeed(52));
    double fill = 0;
    double onHand = 0;
    for (int ip = r + 1; ip <= r + q; ip++) {
      double pk = Math.exp(-lambda * lead);
      for (int k = 0; k < ip; k++) {
        fill += (k <= ip - 1 ? pk : 0) / q;
        onHand += (ip - k) * pk / q;
        pk *= lambda * lead / (k + 1);
      }
    }
    assertCovers(res.station("store", StationMetric.FILL_RATE), fill, 0.02, "fill rate");
    assertCovers(res.station("store", StationMetric.MEAN_STOCK, WIDE), onHand, 0.03, "stock on hand");
    // backordered demand is served late, never lost
    assertCovers(res.station("store", StationMetric.THROUGHPUT, WIDE), lambda, 0.03, "throughput");
  }

  /**
   * (r = 0, Q) with lost sales and a fixed lead time: a cycle is Q sales (Q / lambda on average) and a lead time
   * with lambda L lost demands, so the fill rate is Q / (Q + lambda L) and the mean stock on hand
   * (Q (Q + 1) / (2 lambda)) / (Q / lambda + L).
   */
  @Test
  void lostSalesMatchTheRenewalResult() {
    double lambda = 2;
    double lead = 1.5;
    int q = 4;
    Network net = Network.builder()
        .source("demand", ArrivalProcess.poisson(lambda), "shop")
        .station(StationSpec.of("shop", 1, Distribution.deterministic(0))
            .withInventory(Inventory.rQ(0, q, Distribution.deterministic(lead), Inventory.Shortage.LOST)))
        .build();
    SimulationResult res = Simulation.run(net,
        SimulationConfig.of(40_000).withWarmup(100).withReplications(10).withSeed(53));
    double fill = q / (q + lambda * lead);
    double stock = (q * (q + 1) / (2 * lambda)) / (q / lambda + lead);
    assertCovers(res.station("shop", StationMetric.FILL_RATE), fill, 0.02, "fill rate");
    assertCovers(res.station("shop", StationMetric.MEAN_STOCK, WIDE), stock, 0.03, "stock on hand");
    assertCovers(res.station("shop", StationMetric.ERROR_PROBABILITY, WIDE), 1 - fill, 0.05, "lost sales");
  }

  /** (s, S): every order brings the position back to S; deliveries are counted and stock never goes negative. */
  @Test
  void sSOrdersUpToTheLevel() {
    Network net = Network.builder()
        .source(new SourceSpec("demand", ArrivalProcess.constant(1), 100))
        .route("demand", "depot", 1)
        .station(StationSpec.of("depot", 1, Distribution.deterministic(0))
            .withInventory(Inventory.sS(3, 10, Distribution.deterministic(0.5), Inventory.Shortage.BACKORDER)))
        .build();
    ReplicationResult r = Simulation.run(net, SimulationConfig.of(Double.POSITIVE_INFINITY)).replications()
        .getFirst();
    StationResult depot = r.stations().getFirst();
    // 10 on hand; at 3 an order of 7 arrives half a time unit later, before the next demand: 7 per order
    assertThat(depot.stockouts()).isZero();
    assertThat(depot.orders()).isEqualTo(14);
    assertThat(depot.demand()).isEqualTo(100);
    assertThat(r.network().exits()).isEqualTo(100);
  }
}
