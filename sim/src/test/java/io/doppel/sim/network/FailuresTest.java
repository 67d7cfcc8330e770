package io.doppel.sim.network;

import static io.doppel.sim.network.Analytic.assertCovers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import org.junit.jupiter.api.Test;

/**
 * Failures and repairs against exact results: the alternating-renewal availability MTBF / (MTBF + MTTR), and the
 * M/M/1 and M/M/2 with exponential breakdowns (preemptive resume, and loss) against their Markov chains solved in
 * the test; scheduled outages against exact counts.
 */
class FailuresTest {
  private static final int REPLICATIONS = 10;
  private static final double WIDE = 0.999;
  /** States kept of the infinite chains: the probability beyond is below 1e-30 at these loads. */
  private static final int TRUNCATION = 400;

  private static SimulationConfig config(long seed, double horizon, double warmup) {
    return SimulationConfig.of(horizon).withWarmup(warmup).withReplications(REPLICATIONS).withSeed(seed);
  }

  /** Any failure and repair distributions: availability = MTBF / (MTBF + MTTR). */
  @Test
  void availabilityIsMtbfOverMtbfPlusMttr() {
    Network net = Network.builder()
        .source("in", ArrivalProcess.poisson(0.3), "machine")
        .station(StationSpec.of("machine", 1, Distribution.exponential(1))
            .withFailures(Distribution.uniform(60, 120), Distribution.erlang(2, 10)))
        .build();
    SimulationResult r = Simulation.run(net, config(21, 60_000, 1_000));
    assertCovers(r.station("machine", StationMetric.AVAILABILITY), 90.0 / 100, 0.02, "availability");
    // work is conserved (resume): everything admitted is served
    assertCovers(r.station("machine", StationMetric.THROUGHPUT, WIDE), 0.3, 0.05, "throughput");
  }

  /**
   * M/M/1 whose server fails at rate alpha whether busy or idle and is repaired at rate beta; the customer in
   * service resumes. States (n, up) of a quasi-birth-death chain; W = L / lambda.
   */
  @Test
  void mm1WithBreakdownsMatchesItsMarkovChain() {
    double lambda = 0.5;
    double mu = 1;
    double alpha = 1 / 20.0;
    double beta = 1 / 2.0;
    Network net = Network.builder()
        .source("in", ArrivalProcess.poisson(lambda), "server")
        .station(StationSpec.of("server", 1, Distribution.exponential(1 / mu))
            .withFailures(Distribution.exponential(1 / alpha), Distribution.exponential(1 / beta)))
        .build();
    SimulationResult r = Simulation.run(net, config(22, 200_000, 5_000));
    double[] pi = breakdownChain(lambda, mu, alpha, beta, false);
    double l = 0;
    double up = 0;
    for (int n = 0; n < TRUNCATION; n++) {
      l += n * (pi[2 * n] + pi[2 * n + 1]);
      up += pi[2 * n];
    }
    assertThat(up).isCloseTo(beta / (alpha + beta), within(1e-9));
    assertCovers(r.station("server", StationMetric.MEAN_RESPONSE), l / lambda, 0.05, "W");
    assertCovers(r.station("server", StationMetric.MEAN_IN_STATION, WIDE), l, 0.08, "L");
    assertCovers(r.station("server", StationMetric.AVAILABILITY, WIDE), up, 0.02, "availability");
  }

  /** The same M/M/1, but a failure loses the customer in service: the loss rate is alpha P(busy, up). */
  @Test
  void mm1WithLosingBreakdownsMatchesItsMarkovChain() {
    double lambda = 0.5;
    double mu = 1;
    double alpha = 1 / 10.0;
    double beta = 1 / 2.0;
    Network net = Network.builder()
        .source("in", ArrivalProcess.poisson(lambda), "server")
        .station(StationSpec.of("server", 1, Distribution.exponential(1 / mu))
            .withFailures(Distribution.exponential(1 / alpha), Distribution.exponential(1 / beta))
            .withInterruption(Failures.Interruption.LOSE))
        .build();
    SimulationResult r = Simulation.run(net, config(23, 200_000, 5_000));
    double[] pi = breakdownChain(lambda, mu, alpha, beta, true);
    double busyUp = 0;
    double l = 0;
    for (int n = 0; n < TRUNCATION; n++) {
      busyUp += n > 0 ? pi[2 * n] : 0;
      l += n * (pi[2 * n] + pi[2 * n + 1]);
    }
    double loss = alpha * busyUp / lambda;
    assertCovers(r.station("server", StationMetric.LOSS_PROBABILITY), loss, 0.05, "P(lost)");
    assertCovers(r.network(NetworkMetric.ERROR_PROBABILITY, WIDE), loss, 0.08, "network errors");
    assertCovers(r.station("server", StationMetric.MEAN_IN_STATION, WIDE), l, 0.08, "L");
  }

  /** State 2n: n customers, server up; 2n + 1: down. */
  private static double[] breakdownChain(double lambda, double mu, double alpha, double beta, boolean lose) {
    MarkovChain chain = new MarkovChain(2 * TRUNCATION);
    for (int n = 0; n < TRUNCATION; n++) {
      int up = 2 * n;
      int down = 2 * n + 1;
      if (n + 1 < TRUNCATION) {
        chain.rate(up, up + 2, lambda);
        chain.rate(down, down + 2, lambda);
      }
      if (n > 0) {
        chain.rate(up, up - 2, mu);
      }
      chain.rate(up, lose && n > 0 ? down - 2 : down, alpha);
      chain.rate(down, up, beta);
    }
    return chain.stationary();
  }

  /**
   * M/M/2 whose two servers fail and are repaired each on its own clock; an interrupted customer moves to the other
   * server if it is up and free. States (n, servers down).
   */
  @Test
  void mm2WithPerServerBreakdownsMatchesItsMarkovChain() {
    double lambda = 1.0;
    double mu = 1;
    double alpha = 1 / 30.0;
    double beta = 1 / 3.0;
    Network net = Network.builder()
        .source("in", ArrivalProcess.poisson(lambda), "pool")
        .station(StationSpec.of("pool", 2, Distribution.exponential(1 / mu))
            .withServerFailures(Distribution.exponential(1 / alpha), Distribution.exponential(1 / beta)))
        .build();
    SimulationResult r = Simulation.run(net, config(24, 150_000, 5_000));
    MarkovChain chain = new MarkovChain(3 * TRUNCATION);
    for (int n = 0; n < TRUNCATION; n++) {
      for (int d = 0; d <= 2; d++) {
        int s = 3 * n + d;
        if (n + 1 < TRUNCATION) {
          chain.rate(s, s + 3, lambda);
        }
        int serving = Math.min(n, 2 - d);
        if (serving > 0) {
          chain.rate(s, s - 3, serving * mu);
        }
        if (d < 2) {
          chain.rate(s, s + 1, (2 - d) * alpha);
        }
        if (d > 0) {
          chain.rate(s, s - 1, d * beta);
        }
      }
    }
    double[] pi = chain.stationary();
    double l = 0;
    double upServers = 0;
    for (int n = 0; n < TRUNCATION; n++) {
      for (int d = 0; d <= 2; d++) {
        l += n * pi[3 * n + d];
        upServers += (2 - d) * pi[3 * n + d];
      }
    }
    assertCovers(r.station("pool", StationMetric.MEAN_RESPONSE), l / lambda, 0.05, "W");
    assertCovers(r.station("pool", StationMetric.AVAILABILITY, WIDE), upServers / 2, 0.02, "availability");
  }

  /** An outage [1000, 2000) of a 10,000 run: availability exactly 0.9; refusing, every arrival in it is refused. */
  @Test
  void aScheduledOutageTakesTheStationDownForExactlyItsPeriod() {
    Network net = Network.builder()
        .source("in", ArrivalProcess.poisson(0.5), "svc")
        .station(StationSpec.of("svc", 2, Distribution.exponential(1))
            .withOutage(1_000, 2_000)
            .withArrivalsWhileDown(Failures.WhileDown.DROP))
        .build();
    ReplicationResult r = Simulation.run(net, SimulationConfig.of(10_000).withWindow(1_000).withSeed(3))
        .replications().getFirst();
    StationResult s = r.stations().getFirst();
    assertThat(s.availability()).isCloseTo(0.9, within(1e-9));
    TimeSeries.StationSeries series = r.series().stations().getFirst();
    assertThat(s.refused()).isEqualTo(series.arrivals()[1]).isGreaterThan(400);
    assertThat(series.completions()[1]).isZero();
    assertThat(r.network().errors()).isEqualTo(s.refused());
  }

  /** Queueing while down: nothing is lost, the backlog is served after the outage; restart redraws service. */
  @Test
  void customersQueueThroughAnOutageAndResumeOrRestart() {
    for (Failures.Interruption mode : new Failures.Interruption[] {
        Failures.Interruption.RESUME, Failures.Interruption.RESTART}) {
      Network net = Network.builder()
          .source(new SourceSpec("in", ArrivalProcess.constant(1), 500))
          .route("in", "svc", 1)
          .station(StationSpec.of("svc", 1, Distribution.deterministic(0.6))
              .withOutage(100.3, 150.3)
              .withInterruption(mode))
          .build();
      ReplicationResult r = Simulation.run(net, SimulationConfig.of(Double.POSITIVE_INFINITY)).replications()
          .getFirst();
      StationResult s = r.stations().getFirst();
      assertThat(r.network().exits()).as(mode.name()).isEqualTo(500);
      assertThat(s.lost() + s.refused()).isZero();
      // the customer in service at 100.3 had 0.3 left: resume finishes it at 150.6, restart at 150.9; the backlog of
      // 50 then drains at 0.6 each, and the last of the 500 leaves at 500.6 either way
      assertThat(r.endTime()).isCloseTo(500.6, within(1e-9));
      double busy = 500 * 0.6 + (mode == Failures.Interruption.RESTART ? 0.3 : 0);
      assertThat(s.utilisation() * r.measuredTime()).isCloseTo(busy, within(1e-6));
    }
  }
}
