package io.doppel.sim.network;

import static io.doppel.sim.network.Analytic.assertCovers;
import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import org.junit.jupiter.api.Test;

/**
 * Synchronous calls: the caller's latency includes its callees'. A front service calls an auth service on every
 * request and a database on half of them, one after the other. Each station sees Poisson traffic (Burke: an
 * M/M/1's departures are Poisson; an independent thinning of them too), so each is an M/M/1, and the front's
 * handling time (what the client waits) is its sojourn plus the callees': W_front + W_auth + 0.5 W_db.
 */
class SynchronousCallsTest {
  @Test
  void aCallersLatencyIsItsOwnPlusItsCallees() {
    double lambda = 0.8;
    Network net = Network.builder()
        .source("clients", ArrivalProcess.poisson(lambda), "front")
        .station("front", 1, Distribution.exponential(1 / 2.0))
        .station("auth", 1, Distribution.exponential(1 / 1.5))
        .station("db", 1, Distribution.exponential(1 / 1.0))
        .route(new Route("front", "auth", 1).asSynchronous())
        .route(new Route("front", "db", 0.5).asSynchronous())
        .build();
    SimulationResult r = Simulation.run(net,
        SimulationConfig.of(60_000).withWarmup(2_000).withReplications(10).withSeed(71));
    double front = 1 / (2.0 - lambda);
    double auth = 1 / (1.5 - lambda);
    double db = 1 / (1.0 - lambda / 2);
    double total = front + auth + 0.5 * db;
    assertCovers(r.network(NetworkMetric.MEAN_RESPONSE), total, 0.03, "client latency");
    assertCovers(r.station("front", StationMetric.MEAN_HANDLING_TIME, 0.999), total, 0.04, "front handling");
    assertCovers(r.station("front", StationMetric.MEAN_RESPONSE, 0.999), front, 0.05, "front's own W");
    assertCovers(r.station("db", StationMetric.THROUGHPUT, 0.999), lambda / 2, 0.04, "db calls");
    // every client leaves once, from the front, after its calls
    assertCovers(r.network(NetworkMetric.THROUGHPUT, 0.999), lambda, 0.03, "throughput");
  }

  /**
   * A thread-per-request front holds its server while its call to the database is out: its busy time per request
   * is its own service plus the call, so (Little, per replication) utilisation = lambda (H - Wq) / servers with H
   * the handling time; a free-server front would run at lambda E[S] / servers = 0.12 instead.
   */
  @Test
  void aHeldServerStaysBusyForTheWholeCall() {
    double lambda = 1.2;
    Network net = Network.builder()
        .source("clients", ArrivalProcess.poisson(lambda), "front")
        .station(StationSpec.of("front", 2, Distribution.exponential(0.2)).withServerHeldDuringCalls())
        .station("db", 1, Distribution.exponential(0.5))
        .route(new Route("front", "db", 1).asSynchronous())
        .build();
    SimulationResult r = Simulation.run(net,
        SimulationConfig.of(40_000).withWarmup(1_000).withReplications(10).withSeed(72));
    for (ReplicationResult run : r.replications()) {
      StationResult front = run.stations().getFirst();
      double held = front.throughput() * (front.meanHandling() - front.meanWait()) / 2;
      assertThat(front.utilisation()).isCloseTo(held, org.assertj.core.api.Assertions.within(0.01 * held));
      assertThat(front.utilisation()).isGreaterThan(0.4);
      // the front's response now spans the call: its own service plus the database's sojourn
      assertThat(front.meanResponse()).isCloseTo(front.meanHandling(), org.assertj.core.api.Assertions.within(1e-9));
    }
    // (the database's arrivals are no longer Poisson: the held servers pace them, so no M/M/1 formula applies)
    assertCovers(r.station("db", StationMetric.THROUGHPUT, 0.999), lambda, 0.03, "db calls");
  }

  /** A callee that refuses (down) fails its caller's request: the client sees the error. */
  @Test
  void aFailedCallFailsTheCaller() {
    Network net = Network.builder()
        .source(new SourceSpec("clients", ArrivalProcess.constant(1), 200))
        .route("clients", "front", 1)
        .station("front", 1, Distribution.deterministic(0.1))
        .station(StationSpec.of("db", 1, Distribution.deterministic(0.1))
            .withOutage(50.5, 100.5)
            .withArrivalsWhileDown(Failures.WhileDown.DROP))
        .route(new Route("front", "db", 1).asSynchronous())
        .build();
    ReplicationResult r = Simulation.run(net, SimulationConfig.of(Double.POSITIVE_INFINITY)).replications()
        .getFirst();
    // the calls made at 51.1 .. 100.1 are refused
    assertThat(r.stations().get(1).refused()).isEqualTo(50);
    assertThat(r.network().errors()).isEqualTo(50);
    assertThat(r.network().exits()).isEqualTo(150);
  }

  @Test
  void aSourceCannotCallSynchronously() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Network.builder()
            .source(SourceSpec.of("clients", ArrivalProcess.poisson(1)))
            .route(new Route("clients", "front", 1).asSynchronous())
            .station("front", 1, Distribution.exponential(1))
            .build())
        .isInstanceOfSatisfying(io.doppel.twin.DoppelException.class,
            e -> assertThat(e.details().getFirst().target()).isEqualTo("routes[0].synchronous"));
  }
}
