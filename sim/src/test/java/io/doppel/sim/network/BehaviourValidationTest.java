package io.doppel.sim.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad behaviour parameters are rejected with INVALID_ARGUMENT naming the field; a seed still fixes the run. */
class BehaviourValidationTest {
  private static final Distribution ONE = Distribution.exponential(1);

  static Stream<Arguments> badStations() {
    return Stream.of(
        bad(s -> s.withOutage(-1, 5), "stations[db].failures.outages[0].start"),
        bad(s -> s.withOutage(10, 10), "stations[db].failures.outages[0].end"),
        bad(s -> s.withOutage(1, 2).withOutage(5, 3), "stations[db].failures.outages[1].end"),
        bad(s -> s.withFailures(new Failures(ONE, null, Failures.Scope.STATION, Failures.Interruption.RESUME,
            Failures.WhileDown.QUEUE, java.util.List.of())), "stations[db].failures.repairTime"),
        bad(s -> s.withFailures(Distribution.deterministic(0), ONE), "stations[db].failures.timeToFailure"),
        bad(s -> s.withCostRate(-2), "stations[db].costRate"),
        bad(s -> s.withBlocking(), "stations[db].blocking"),
        bad(s -> s.withAutoscaler(new Autoscaler(0, 3, 0.5, 10, 1)), "stations[db].autoscaler.min"),
        bad(s -> s.withAutoscaler(new Autoscaler(2, 1, 0.5, 10, 1)), "stations[db].autoscaler.max"),
        bad(s -> s.withAutoscaler(new Autoscaler(2, 4, 0.5, 10, 1)), "stations[db].servers"),
        bad(s -> s.withAutoscaler(new Autoscaler(1, 4, 1.5, 10, 1)), "stations[db].autoscaler.targetUtilisation"),
        bad(s -> s.withAutoscaler(new Autoscaler(1, 4, 0.5, 0, 1)), "stations[db].autoscaler.interval"),
        bad(s -> s.withAutoscaler(new Autoscaler(1, 4, 0.5, 10, -1)), "stations[db].autoscaler.provisioningDelay"),
        bad(s -> s.withServerFailures(ONE, ONE).withAutoscaler(new Autoscaler(1, 4, 0.5, 10, 1)),
            "stations[db].failures.scope"),
        bad(s -> s.withInventory(Inventory.sS(5, 5, ONE, Inventory.Shortage.LOST)), "stations[db].inventory.level"),
        bad(s -> s.withInventory(Inventory.rQ(-1, 5, ONE, Inventory.Shortage.LOST)),
            "stations[db].inventory.reorderPoint"),
        bad(s -> s.withInventory(Inventory.rQ(1, 0, ONE, Inventory.Shortage.LOST)), "stations[db].inventory.level"),
        bad(s -> s.withInventory(Inventory.rQ(1, 2, ONE, Inventory.Shortage.LOST).withInitialStock(-3)),
            "stations[db].inventory.initialStock"));
  }

  private static Arguments bad(UnaryOperator<StationSpec> change, String field) {
    return Arguments.of(change, field);
  }

  @ParameterizedTest
  @MethodSource("badStations")
  void badStationBehavioursNameTheField(UnaryOperator<StationSpec> change, String field) {
    assertRejected(Network.builder()
        .source("in", ArrivalProcess.poisson(1), "db")
        .station(change.apply(StationSpec.of("db", 1, ONE))), field);
  }

  static Stream<Arguments> badRoutes() {
    return Stream.of(
        Arguments.of(new Route("in", "db", 1).withTimeout(0), "routes[0].timeout"),
        Arguments.of(new Route("in", "db", 1).withTimeout(Double.NaN), "routes[0].timeout"),
        Arguments.of(new Route("in", "db", 1).withRetries(-1, ONE), "routes[0].retries"),
        Arguments.of(new Route("in", "db", 1).withBreaker(CircuitBreaker.afterFailures(0, 10, 5)),
            "routes[0].breaker.failures"),
        Arguments.of(new Route("in", "db", 1).withBreaker(CircuitBreaker.afterFailures(3, -1, 5)),
            "routes[0].breaker.window"),
        Arguments.of(new Route("in", "db", 1).withBreaker(CircuitBreaker.afterFailureRatio(1.5, 10, 5)),
            "routes[0].breaker.ratio"),
        Arguments.of(new Route("in", "db", 1).withBreaker(CircuitBreaker.afterFailures(3, 10, 0)),
            "routes[0].breaker.openFor"),
        Arguments.of(new Route("in", "db", 1).withBreaker(CircuitBreaker.afterFailures(3, 10, 5).withHalfOpenCalls(0)),
            "routes[0].breaker.halfOpenCalls"));
  }

  @ParameterizedTest
  @MethodSource("badRoutes")
  void badRouteBehavioursNameTheField(Route route, String field) {
    assertRejected(Network.builder()
        .source(SourceSpec.of("in", ArrivalProcess.poisson(1)))
        .route(route)
        .station(StationSpec.of("db", 1, ONE)), field);
  }

  @Test
  void aTransferIntoABlockingBufferCannotAlsoBeAWatchedCall() {
    assertRejected(Network.builder()
        .source("in", ArrivalProcess.poisson(1), "a")
        .station("a", 1, ONE)
        .route(new Route("a", "b", 1).withDelay(ONE).withTimeout(5))
        .station(StationSpec.of("b", 1, ONE).withQueueCapacity(2).withBlocking()), "routes[1].timeout");
  }

  @Test
  void aFanOutsQuorumMustBeReachable() {
    Network.Builder twoCalls = Network.builder()
        .source("in", ArrivalProcess.poisson(1), "gateway")
        .station("a", 1, ONE)
        .station("b", 1, ONE)
        .route(new Route("gateway", "a", 1).asSynchronous())
        .route(new Route("gateway", "b", 1).asSynchronous());
    assertRejected(twoCalls.station(StationSpec.of("gateway", 1, ONE).withParallelCalls(3)),
        "stations[gateway].fanOut.quorum");
    assertRejected(Network.builder()
        .source("in", ArrivalProcess.poisson(1), "gateway")
        .station(StationSpec.of("gateway", 1, ONE).withParallelCalls(-1)), "stations[gateway].fanOut.quorum");
  }

  private static void assertRejected(Network.Builder builder, String field) {
    assertThatThrownBy(builder::build).isInstanceOfSatisfying(DoppelException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(e.details().getFirst().target()).isEqualTo(field);
    });
  }

  /** Every behaviour at once, serial and parallel: identical replications for a seed. */
  @Test
  void aSeedFixesARunWithEveryBehaviour() {
    Network net = Network.builder()
        .source(SourceSpec.of("users", ArrivalProcess.poisson(3)))
        .route(new Route("users", "api", 1).withTimeout(3).withRetries(2, Distribution.exponential(0.2))
            .withBreaker(CircuitBreaker.afterFailureRatio(0.5, 20, 10)))
        .station(StationSpec.of("api", 2, Distribution.exponential(0.5))
            .withAutoscaler(new Autoscaler(2, 6, 0.6, 5, 2))
            .withFailures(Distribution.exponential(200), Distribution.exponential(10))
            .withCostRate(1))
        .route(new Route("api", "db", 0.5).withDelay(Distribution.uniform(0.01, 0.05)))
        .station(StationSpec.of("db", 2, Distribution.exponential(0.4))
            .withServerFailures(Distribution.exponential(100), Distribution.exponential(5))
            .withOutage(300, 350)
            .withInterruption(Failures.Interruption.LOSE))
        .route("db", "store", 0.5)
        .route(new Route("api", "auth", 0.7).asSynchronous().withTimeout(1).withRetries(1, Distribution.deterministic(0.1)))
        .station(StationSpec.of("auth", 1, Distribution.exponential(0.2)).withPatience(Distribution.exponential(2)))
        .station(StationSpec.of("store", 1, Distribution.exponential(0.3)).withQueueCapacity(3).withBlocking()
            .withInventory(Inventory.sS(5, 20, Distribution.exponential(2), Inventory.Shortage.BACKORDER)))
        .build();
    SimulationConfig config = SimulationConfig.of(2_000).withWarmup(100).withReplications(4).withSeed(9);
    SimulationResult serial = Simulation.run(net, config.withParallelism(1));
    SimulationResult parallel = Simulation.run(net, config.withParallelism(3));
    assertThat(parallel.replications()).isEqualTo(serial.replications());
    assertThat(serial.complete()).isTrue();
    assertThat(serial.route(0, RouteMetric.CALLS).mean()).isPositive();
    assertThat(serial.station("db", StationMetric.LOSS_PROBABILITY).mean()).isPositive();
    assertThat(serial.station("api", StationMetric.MEAN_HANDLING_TIME).mean()).isPositive();
    assertThat(serial.route(3, RouteMetric.TIMEOUT_PROBABILITY).mean()).isPositive();
  }
}
