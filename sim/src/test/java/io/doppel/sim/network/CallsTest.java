package io.doppel.sim.network;

import static io.doppel.sim.network.Analytic.assertCovers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Caller-side timeouts, retries with backoff and circuit breakers on routes, against exact results. */
class CallsTest {
  private static final double WIDE = 0.999;

  /**
   * A call into an M/M/1 times out when the sojourn, exponential with rate mu - lambda, exceeds tau: P = e^{-(mu -
   * lambda) tau}. The server never hears of it, so its load and its waits are those of the plain M/M/1 and the
   * timed-out calls are all served for nothing.
   */
  @Test
  void aTimeoutFailsTheCallsSlowerThanItAndTheirWorkIsWasted() {
    double lambda = 0.7;
    double mu = 1;
    double tau = 5;
    Network net = Network.builder()
        .source(SourceSpec.of("clients", ArrivalProcess.poisson(lambda)))
        .route(new Route("clients", "api", 1).withTimeout(tau))
        .station("api", 1, Distribution.exponential(1 / mu))
        .build();
    SimulationResult r = Simulation.run(net,
        SimulationConfig.of(60_000).withWarmup(2_000).withReplications(10).withSeed(31));
    double p = Math.exp(-(mu - lambda) * tau);
    assertCovers(r.route(0, RouteMetric.TIMEOUT_PROBABILITY), p, 0.05, "P(timeout)");
    assertCovers(r.network(NetworkMetric.GAVE_UP_PROBABILITY, WIDE), p, 0.08, "network gave up");
    assertCovers(r.station("api", StationMetric.WASTED_FRACTION, WIDE), p, 0.08, "wasted");
    assertCovers(r.station("api", StationMetric.MEAN_RESPONSE, WIDE), 1 / (mu - lambda), 0.08, "W");
    // the successful calls are the sojourns below tau: E[T | T < tau]
    double rate = mu - lambda;
    double conditional = 1 / rate - tau * p / (1 - p);
    assertCovers(r.route(0, RouteMetric.MEAN_CALL_TIME, WIDE), conditional, 0.05, "mean successful call");
  }

  /** A target that is always down: every customer tries 1 + retries times, then gives up. */
  @Test
  void retriesAreSentAfterTheirBackoffUntilTheyRunOut() {
    Network net = Network.builder()
        .source(new SourceSpec("clients", ArrivalProcess.constant(10), 100))
        .route(new Route("clients", "api", 1).withRetries(3, Distribution.deterministic(1)))
        .station(StationSpec.of("api", 1, Distribution.exponential(1))
            .withOutage(0, Double.POSITIVE_INFINITY)
            .withArrivalsWhileDown(Failures.WhileDown.DROP))
        .build();
    ReplicationResult r = Simulation.run(net, SimulationConfig.of(Double.POSITIVE_INFINITY)).replications()
        .getFirst();
    RouteResult route = r.routes().getFirst();
    assertThat(route.calls()).isEqualTo(400);
    assertThat(route.failures()).isEqualTo(400);
    assertThat(route.retries()).isEqualTo(300);
    assertThat(route.gaveUp()).isEqualTo(100);
    assertThat(r.stations().getFirst().refused()).isEqualTo(400);
    assertThat(r.network().errors()).isEqualTo(100);
    assertThat(r.network().gaveUp()).isEqualTo(100);
    // the last customer arrives at 1000 and gives up after three backoffs of 1
    assertThat(r.endTime()).isCloseTo(1_003, within(1e-9));
  }

  /**
   * A retry storm: a service near saturation with a short timeout. Every retry is a new arrival while the
   * timed-out attempt is still served, so the service's load rises above the offered one. Its books balance
   * exactly: attempts = customers + retries, every customer succeeds once or gives up, every timed-out attempt is
   * eventually served for nothing.
   */
  @Test
  void timeoutsWithRetriesAmplifyTheLoadAndTheBooksBalance() {
    int customers = 20_000;
    Network net = Network.builder()
        .source(new SourceSpec("clients", ArrivalProcess.poisson(0.8), customers))
        .route(new Route("clients", "api", 1).withTimeout(4).withRetries(2, Distribution.exponential(0.5)))
        .station("api", 1, Distribution.exponential(1))
        .build();
    ReplicationResult r = Simulation.run(net, SimulationConfig.of(Double.POSITIVE_INFINITY).withSeed(5))
        .replications().getFirst();
    RouteResult route = r.routes().getFirst();
    StationResult api = r.stations().getFirst();
    assertThat(route.calls()).isEqualTo(customers + route.retries());
    assertThat(route.successes() + route.gaveUp()).isEqualTo(customers);
    assertThat(route.failures()).isEqualTo(route.timeouts()).isEqualTo(route.retries() + route.gaveUp());
    assertThat(api.arrivals()).isEqualTo(route.calls());
    assertThat(api.wasted()).isEqualTo(route.timeouts());
    assertThat(r.network().exits()).isEqualTo(route.successes());
    // the storm: more work arrives than was offered, and the service runs hotter than rho = 0.8
    assertThat(route.retries()).isGreaterThan(customers / 10);
    assertThat(api.utilisation()).isGreaterThan(0.85);
  }

  static Stream<CircuitBreaker> breakers() {
    return Stream.of(
        CircuitBreaker.afterFailures(5, 10, 20),
        CircuitBreaker.afterFailureRatio(0.5, 10, 20));
  }

  /**
   * One call a time unit; the target is down during [100.75, 200.75) and refuses. The breaker opens at the 5th
   * failure (t = 105: five in 10 time units, or half of the last ten calls), rejects for 20, and its half-open
   * trials at 125, 145, 165 and 185 fail and reopen it; the trial at 205 succeeds and closes it.
   */
  @ParameterizedTest
  @MethodSource("breakers")
  void aBreakerOpensRejectsHalfOpensAndCloses(CircuitBreaker breaker) {
    Network net = Network.builder()
        .source(new SourceSpec("clients", ArrivalProcess.constant(1), 300))
        .route(new Route("clients", "api", 1).withBreaker(breaker))
        .station(StationSpec.of("api", 1, Distribution.deterministic(0.5))
            .withOutage(100.75, 200.75)
            .withArrivalsWhileDown(Failures.WhileDown.DROP))
        .build();
    ReplicationResult r = Simulation.run(net, SimulationConfig.of(Double.POSITIVE_INFINITY)).replications()
        .getFirst();
    RouteResult route = r.routes().getFirst();
    assertThat(route.breakerOpened()).isEqualTo(5);
    assertThat(route.breakerHalfOpened()).isEqualTo(5);
    assertThat(route.breakerClosed()).isEqualTo(1);
    assertThat(route.rejected()).isEqualTo(5 * 19);
    assertThat(route.failures()).isEqualTo(5 + 4 + 95);
    assertThat(route.successes()).isEqualTo(100 + 1 + 95);
    assertThat(route.timeOpen()).isCloseTo(100, within(1e-9));
    assertThat(r.stations().getFirst().refused()).isEqualTo(9);
    assertThat(r.network().exits()).isEqualTo(196);
  }
}
