package io.doppel.sim.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import io.doppel.sim.kernel.StopReason;
import io.doppel.twin.DoppelException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SimulationTest {
  private static Network mm1(double lambda) {
    return Network.builder()
        .source("in", ArrivalProcess.poisson(lambda), "server")
        .station("server", 1, Distribution.exponential(1))
        .build();
  }

  @Test
  void aSeedGivesTheSameResultsWhateverThePoolSize() {
    SimulationConfig config = SimulationConfig.of(5_000).withReplications(6).withSeed(42);
    SimulationResult serial = Simulation.run(mm1(0.8), config.withParallelism(1));
    SimulationResult parallel = Simulation.run(mm1(0.8), config.withParallelism(4));
    assertThat(parallel.replications()).isEqualTo(serial.replications());
    SimulationResult other = Simulation.run(mm1(0.8), config.withSeed(43));
    assertThat(other.replications().getFirst()).isNotEqualTo(serial.replications().getFirst());
    // replications differ from one another
    assertThat(serial.replications().get(0).stations()).isNotEqualTo(serial.replications().get(1).stations());
  }

  @Test
  void anUnstableQueueStopsAtTheCustomerLimitWithItsReason() {
    SimulationConfig config = SimulationConfig.of(Double.POSITIVE_INFINITY).withLimits(Long.MAX_VALUE, 1_000, 5_000);
    SimulationResult r = Simulation.run(mm1(2.0), config);
    assertThat(r.stopReasons()).containsOnlyKeys(StopReason.ENTITY_LIMIT);
    assertThat(r.complete()).isFalse();
  }

  @Test
  void anEndlessRunStopsAtTheEventBudget() {
    SimulationConfig config = SimulationConfig.of(Double.POSITIVE_INFINITY).withLimits(100_000, 1_000, 1_000_000);
    ReplicationResult r = Simulation.run(mm1(0.5), config).replications().getFirst();
    assertThat(r.stopReason()).isEqualTo(StopReason.EVENT_BUDGET);
    assertThat(r.events()).isEqualTo(100_000);
  }

  @Test
  void sourceLimitsDrainTheRun() {
    Network net = Network.builder()
        .source(new SourceSpec("in", ArrivalProcess.poisson(0.9), 1_000))
        .route("in", "server", 1)
        .station("server", 1, Distribution.exponential(1))
        .build();
    ReplicationResult r = Simulation.run(net, SimulationConfig.of(Double.POSITIVE_INFINITY)).replications().getFirst();
    assertThat(r.stopReason()).isEqualTo(StopReason.DRAINED);
    assertThat(r.network().arrivals()).isEqualTo(1_000);
    assertThat(r.network().exits()).isEqualTo(1_000);
    // one arrival and one departure per customer
    assertThat(r.events()).isEqualTo(2_000);
  }

  @Test
  void timeSeriesWindowsAddUpToTheRun() {
    Network net = Network.builder()
        .source("in", ArrivalProcess.spike(0.5, 3, 400, 100), "server")
        .station(StationSpec.of("server", 2, Distribution.exponential(1)).withQueueCapacity(20))
        .build();
    ReplicationResult r = Simulation.run(net, SimulationConfig.of(1_000).withWindow(100)).replications().getFirst();
    TimeSeries series = r.series();
    assertThat(series).isNotNull();
    assertThat(series.windows()).isEqualTo(10);
    TimeSeries.StationSeries s = series.stations().getFirst();
    assertThat(Arrays.stream(s.arrivals()).sum()).isEqualTo(r.stations().getFirst().arrivals());
    assertThat(Arrays.stream(s.drops()).sum()).isEqualTo(r.stations().getFirst().drops());
    assertThat(Arrays.stream(series.exits()).sum()).isEqualTo(r.network().exits());
    double meanQueue = Arrays.stream(s.meanQueueLength()).average().orElseThrow();
    assertThat(meanQueue).isCloseTo(r.stations().getFirst().meanQueueLength(), org.assertj.core.data.Offset.offset(1e-9));
    // the spike window (400-500) is the busiest
    int busiest = 0;
    for (int i = 1; i < 10; i++) {
      if (s.arrivals()[i] > s.arrivals()[busiest]) {
        busiest = i;
      }
    }
    assertThat(busiest).isEqualTo(4);
  }

  @Test
  void badNetworksAreRejectedNamingTheField() {
    assertThatThrownBy(() -> Network.builder().station("s", 1, Distribution.exponential(1)).build())
        .isInstanceOfSatisfying(DoppelException.class, e -> assertThat(e.details().getFirst().target()).isEqualTo("sources"));
    assertRejected(Network.builder()
        .source("in", ArrivalProcess.poisson(1), "nowhere")
        .station("s", 1, Distribution.exponential(1)), "routes[0].to");
    assertRejected(Network.builder()
        .source("in", ArrivalProcess.poisson(1), "s")
        .station("s", 0, Distribution.exponential(1)), "stations[s].servers");
    assertRejected(Network.builder()
        .source("in", ArrivalProcess.poisson(1), "s")
        .station("s", 1, Distribution.exponential(1))
        .route("s", "s", 0.7)
        .route("s", "s", 0.5), "stations[s].routes");
    assertRejected(Network.builder()
        .source(SourceSpec.of("in", ArrivalProcess.poisson(1)))
        .route("in", "s", 0.5)
        .station("s", 1, Distribution.exponential(1)), "sources[in].routes");
    assertRejected(Network.builder()
        .source("s", ArrivalProcess.poisson(1), "s")
        .station("s", 1, Distribution.exponential(1)), "stations[0].id");
    assertThatThrownBy(() -> SimulationConfig.of(100).withWarmup(100)).hasMessageContaining("warmup");
    assertThatThrownBy(() -> SimulationConfig.of(1e9).withWindow(1)).hasMessageContaining("window");
  }

  private static void assertRejected(Network.Builder builder, String field) {
    assertThatThrownBy(builder::build).isInstanceOfSatisfying(DoppelException.class,
        e -> assertThat(e.details().getFirst().target()).isEqualTo(field));
  }
}
