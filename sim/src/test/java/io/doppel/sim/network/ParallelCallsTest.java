package io.doppel.sim.network;

import static io.doppel.sim.network.Analytic.assertCovers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import org.junit.jupiter.api.Test;

/**
 * Parallel synchronous calls (a fan-out): the caller waits for the slowest call it needs. Held to the exact
 * fork-join of two M/M/1 queues, to order statistics of exponentials where the branches never queue, and, with
 * deterministic times, to exact latencies, failures and server time.
 */
class ParallelCallsTest {
  private static final Distribution INSTANT = Distribution.deterministic(0);

  /**
   * Poisson arrivals split at once into two identical M/M/1 queues and joined when both are done: Flatto and
   * Hahn's exact mean response R = (12 - rho) / 8 / (mu - lambda) (the k = 2 case of Nelson and Tantawi's
   * approximation). The two sojourns are correlated (one arrival stream), so this is not E[max] of independent ones.
   */
  @Test
  void aForkJoinOfTwoMm1QueuesHasFlattoAndHahnsResponseTime() {
    double lambda = 0.5;
    double mu = 1;
    Network net = Network.builder()
        .source("clients", ArrivalProcess.poisson(lambda), "fork")
        .station(StationSpec.of("fork", 1, INSTANT).withParallelCalls())
        .station("a", 1, Distribution.exponential(1 / mu))
        .station("b", 1, Distribution.exponential(1 / mu))
        .route(new Route("fork", "a", 1).asSynchronous())
        .route(new Route("fork", "b", 1).asSynchronous())
        .build();
    SimulationResult r = Simulation.run(net,
        SimulationConfig.of(100_000).withWarmup(1_000).withReplications(10).withSeed(81));
    double rho = lambda / mu;
    double forkJoin = (12 - rho) / 8 / (mu - lambda);
    assertCovers(r.network(NetworkMetric.MEAN_RESPONSE), forkJoin, 0.03, "fork-join response");
    assertCovers(r.station("fork", StationMetric.MEAN_HANDLING_TIME, 0.999), forkJoin, 0.03, "fork handling");
    // each branch alone is an M/M/1; the join waits longer than either, less than both in a row
    assertCovers(r.station("a", StationMetric.MEAN_RESPONSE, 0.999), 1 / (mu - lambda), 0.04, "branch W");
    assertCovers(r.network(NetworkMetric.THROUGHPUT, 0.999), lambda, 0.03, "throughput");
  }

  /**
   * Branches with servers to spare never queue, so a request waits for order statistics of independent
   * exponential services of mean 1/mu: all of 2 E[max] = (1 + 1/2)/mu, all of 3 (1 + 1/2 + 1/3)/mu, and a quorum
   * of 2 of 3 the second smallest, (1/3 + 1/2)/mu.
   */
  @Test
  void withoutQueueingTheJoinWaitsForTheOrderStatisticItNeeds() {
    double mu = 2;
    assertCovers(zeroWaitFanOut(2, FanOut.ALL, mu, 82), (1 + 1 / 2.0) / mu, 0.02, "max of 2");
    assertCovers(zeroWaitFanOut(3, FanOut.ALL, mu, 83), (1 + 1 / 2.0 + 1 / 3.0) / mu, 0.02, "max of 3");
    assertCovers(zeroWaitFanOut(3, 2, mu, 84), (1 / 3.0 + 1 / 2.0) / mu, 0.02, "second of 3");
  }

  private static io.doppel.sim.stats.Estimate zeroWaitFanOut(int branches, int quorum, double mu, long seed) {
    Network.Builder b = Network.builder()
        .source("clients", ArrivalProcess.poisson(1), "fork")
        .station(StationSpec.of("fork", 1, INSTANT).withParallelCalls(quorum));
    for (int i = 0; i < branches; i++) {
      // 60 servers at an offered load of 0.5: the chance that a call waits is negligible
      b.station("branch-" + i, 60, Distribution.exponential(1 / mu))
          .route(new Route("fork", "branch-" + i, 1).asSynchronous());
    }
    return Simulation.run(b.build(), SimulationConfig.of(50_000).withWarmup(100).withReplications(10)
        .withSeed(seed)).network(NetworkMetric.MEAN_RESPONSE);
  }

  /** Deterministic times: a quorum of 1 answers with the fast call; the slow one is still served, and ignored. */
  @Test
  void aQuorumGoesOnWithTheFastestAndTheSlowCallsAreStillServed() {
    ReplicationResult r = once(StationSpec.of("fork", 1, INSTANT).withParallelCalls(1), false);
    assertThat(r.network().exits()).isEqualTo(100);
    assertThat(r.network().errors()).isZero();
    assertThat(r.network().meanResponse()).isCloseTo(0.2, within(1e-9));
    assertThat(r.stations().get(2).completions()).isEqualTo(100);
    ReplicationResult all = once(StationSpec.of("fork", 1, INSTANT).withParallelCalls(), false);
    assertThat(all.network().meanResponse()).isCloseTo(0.7, within(1e-9));
  }

  /** A call that fails (its callee is down) fails a join of all, but not a quorum the other call still makes. */
  @Test
  void aFailedCallFailsTheRequestOnlyWhenTheQuorumIsOutOfReach() {
    ReplicationResult all = once(StationSpec.of("fork", 1, INSTANT).withParallelCalls(), true);
    assertThat(all.network().errors()).isEqualTo(100);
    assertThat(all.network().exits()).isZero();
    ReplicationResult one = once(StationSpec.of("fork", 1, INSTANT).withParallelCalls(1), true);
    assertThat(one.network().errors()).isZero();
    assertThat(one.network().exits()).isEqualTo(100);
    assertThat(one.network().meanResponse()).isCloseTo(0.2, within(1e-9));
  }

  /**
   * A fork that holds its server during its calls is busy for its own service plus the slowest call (0.1 + 0.7 for
   * each of the 100 requests), against 0.1 when the server is free while they are out; its calls are in parallel,
   * not 0.2 + 0.7.
   */
  @Test
  void aHeldServerIsBusyUntilTheSlowestCallReplies() {
    Distribution tenth = Distribution.deterministic(0.1);
    ReplicationResult held = once(StationSpec.of("fork", 1, tenth).withParallelCalls().withServerHeldDuringCalls(),
        false);
    assertThat(busyTime(held)).isCloseTo(100 * 0.8, within(1e-6));
    assertThat(held.network().meanResponse()).isCloseTo(0.8, within(1e-9));
    ReplicationResult free = once(StationSpec.of("fork", 1, tenth).withParallelCalls(), false);
    assertThat(busyTime(free)).isCloseTo(100 * 0.1, within(1e-6));
  }

  private static double busyTime(ReplicationResult r) {
    return r.stations().getFirst().utilisation() * r.measuredTime();
  }

  /** 100 requests, one a second, from a fork calling fast (0.2) and slow (0.7, or down throughout) at once. */
  private static ReplicationResult once(StationSpec fork, boolean slowIsDown) {
    StationSpec slow = StationSpec.of("slow", 1, Distribution.deterministic(0.7));
    if (slowIsDown) {
      slow = slow.withOutage(0, 1e9).withArrivalsWhileDown(Failures.WhileDown.DROP);
    }
    Network net = Network.builder()
        .source(new SourceSpec("clients", ArrivalProcess.constant(1), 100))
        .route("clients", "fork", 1)
        .station(fork)
        .station("fast", 1, Distribution.deterministic(0.2))
        .station(slow)
        .route(new Route("fork", "fast", 1).asSynchronous())
        .route(new Route("fork", "slow", 1).asSynchronous())
        .build();
    return Simulation.run(net, SimulationConfig.of(Double.POSITIVE_INFINITY)).replications().getFirst();
  }

  /** The same seed gives the same replications, stale replies beyond the quorum included. */
  @Test
  void aSeedGivesTheSameRun() {
    Network net = Network.builder()
        .source("clients", ArrivalProcess.poisson(0.8), "fork")
        .station(StationSpec.of("fork", 1, Distribution.exponential(0.2)).withParallelCalls(2))
        .station("a", 1, Distribution.exponential(0.5))
        .station("b", 2, Distribution.exponential(1))
        .station("c", 1, Distribution.exponential(0.4))
        .route(new Route("fork", "a", 1).asSynchronous())
        .route(new Route("fork", "b", 0.7).asSynchronous())
        .route(new Route("fork", "c", 1).asSynchronous().withTimeout(2).withRetries(1, Distribution.deterministic(0.1)))
        .build();
    SimulationConfig config = SimulationConfig.of(5_000).withReplications(3).withSeed(85);
    assertThat(Simulation.run(net, config).replications()).isEqualTo(Simulation.run(net, config).replications());
  }
}
