package io.doppel.sim.network;

import static io.doppel.sim.network.Analytic.assertCovers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The autoscaler's steps, its steady state and the cost of server time. */
class AutoscalerTest {
  /**
   * Four units of work per time unit (an arrival every 0.25, each taking 1) on one server at first, target 80%:
   * from any count, ceil(servers x u / 0.8) reaches 5 (u = 4 / 5 = 0.8 exactly) and stays there; each step up
   * waits out the provisioning delay, and while the backlog lasts the servers run at 100%.
   */
  @Test
  void scalesOutToTheTargetAndSettles() {
    Network net = Network.builder()
        .source("requests", ArrivalProcess.constant(0.25), "api")
        .station(StationSpec.of("api", 1, Distribution.deterministic(1))
            .withAutoscaler(new Autoscaler(1, 10, 0.8, 10, 5))
            .withCostRate(0.5))
        .build();
    ReplicationResult r = Simulation.run(net, SimulationConfig.of(3_000).withWindow(100)).replications().getFirst();
    StationResult api = r.stations().getFirst();
    TimeSeries.StationSeries series = r.series().stations().getFirst();
    double[] servers = series.meanServers();
    // the first interval ends at 10 and its servers come at 15
    assertThat(servers[0]).isBetween(1.0, 5.0);
    for (int w = 10; w < servers.length; w++) {
      assertThat(servers[w]).as("window %d", w).isCloseTo(5.0, within(1e-9));
    }
    assertThat(api.scaleUps()).isGreaterThanOrEqualTo(3);
    assertThat(series.utilisation()[servers.length - 1]).isCloseTo(0.8, within(1e-9));
    // cost is server time x rate
    double serverTime = Arrays.stream(servers).sum() * 100;
    assertThat(api.cost()).isCloseTo(serverTime * 0.5, within(1e-6));
    assertThat(api.meanServers()).isCloseTo(serverTime / 3_000, within(1e-9));
    assertThat(api.throughput()).isCloseTo(4, within(0.01));
  }

  /**
   * Scaling in when load falls: a spike of 8 per time unit over [1000, 1500) on a base of 1, target 50%. Before and
   * after the spike 2 servers suffice (u = 1/2), during it the autoscaler reaches 10 (the cap: 8 / 10 = 0.8 > 0.5).
   */
  @Test
  void scalesInAfterASpikeWithinItsBounds() {
    Network net = Network.builder()
        .source("requests", ArrivalProcess.spike(1, 8, 1_000, 500), "api")
        .station(StationSpec.of("api", 2, Distribution.exponential(1))
            .withAutoscaler(new Autoscaler(2, 10, 0.5, 20, 10)))
        .build();
    SimulationResult res = Simulation.run(net,
        SimulationConfig.of(3_000).withWindow(100).withReplications(10).withSeed(61));
    double[] during = new double[10];
    double[] after = new double[10];
    for (int i = 0; i < 10; i++) {
      ReplicationResult r = res.replications().get(i);
      double[] servers = r.series().stations().getFirst().meanServers();
      during[i] = servers[13];
      after[i] = servers[25];
      assertThat(r.stations().getFirst().scaleDowns()).isPositive();
      for (double s : servers) {
        assertThat(s).isBetween(2.0, 10.0);
      }
    }
    assertThat(Arrays.stream(during).average().orElseThrow()).isGreaterThan(9.5);
    assertThat(Arrays.stream(after).average().orElseThrow()).isLessThan(4);
  }

  /** An autoscaler held at min = max changes nothing: the same customers see the same service as a plain M/M/2. */
  @Test
  void aPinnedAutoscalerIsAPlainStation() {
    SimulationConfig config = SimulationConfig.of(40_000).withWarmup(1_000).withReplications(10).withSeed(62);
    StationSpec plain = StationSpec.of("api", 2, Distribution.exponential(1));
    SimulationResult a = Simulation.run(Network.builder()
        .source("in", ArrivalProcess.poisson(1.5), "api").station(plain).build(), config);
    SimulationResult b = Simulation.run(Network.builder()
        .source("in", ArrivalProcess.poisson(1.5), "api")
        .station(plain.withAutoscaler(new Autoscaler(2, 2, 0.5, 7, 3))).build(), config);
    for (int i = 0; i < 4; i++) {
      StationResult x = a.replications().get(i).stations().getFirst();
      StationResult y = b.replications().get(i).stations().getFirst();
      assertThat(y.completions()).isEqualTo(x.completions());
      assertThat(y.meanResponse()).isEqualTo(x.meanResponse());
      assertThat(y.utilisation()).isCloseTo(x.utilisation(), within(1e-9));
      assertThat(y.meanServers()).isCloseTo(2, within(1e-9));
      assertThat(y.scaleUps() + y.scaleDowns()).isZero();
    }
    assertCovers(b.station("api", StationMetric.MEAN_RESPONSE, 0.999),
        1 + Analytic.erlangC(2, 1.5) / (2 - 1.5), 0.12, "W of M/M/2");
  }
}
