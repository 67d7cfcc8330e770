package io.doppel.bench.sim.cloudsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import io.doppel.sim.network.Network;
import io.doppel.sim.network.Simulation;
import io.doppel.sim.network.SimulationConfig;
import io.doppel.sim.network.SimulationResult;
import io.doppel.sim.network.SourceSpec;
import io.doppel.sim.network.StationMetric;
import io.doppel.sim.stats.Estimate;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.hipparchus.distribution.continuous.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CloudSim Plus model is the M/M/c queue Doppel's kernel simulates (M/M/1 at lambda 0.9 and M/M/2 at lambda
 * 1.8, mu 1, the SimPy comparison's models), shown three ways: customer by customer against the first-come,
 * first-served recursion on the same customers; the recursion over many customers against queueing theory and
 * Doppel's replications, precisely; and CloudSim Plus's own replications against both, as closely as the time a
 * unit test may take allows. Every interval is at the 99% level; the seeds were set before the first run.
 */
// a CloudSim model that stalls (e.g. its scheduler silently reset to time-shared) would otherwise never finish
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CloudletQueueTest {
  private static final int REPLAYED = 20_000;
  private static final int CLOUDSIM_CUSTOMERS = 20_000;
  private static final int CLOUDSIM_REPLICATIONS = 10;
  private static final int RECURSION_CUSTOMERS = 200_000;
  private static final int REPLICATIONS = 20;

  /**
   * CloudSim Plus may only be later than the recursion, and by little: each hand-over from a finished cloudlet to a
   * waiting one idles the PE for 0.011 CloudSim seconds (1.1e-8 units, see CloudSimTime), and those add up over a
   * busy period, whose longest here hold a few thousand customers. A wrong service rate, a processor-sharing
   * scheduler or one customer served out of turn moves starts by a good part of a service time (about 1 unit).
   */
  @ParameterizedTest(name = "M/M/{0}, lambda {1}")
  @CsvSource({"1, 0.9", "2, 1.8"})
  void servesTheCustomersInTheOrderAndAtTheTimesOfTheRecursion(int servers, double lambda) {
    CloudletQueueResult cloudsim = new CloudletQueue(servers, lambda, 1, REPLAYED).run(11, 0);
    FcfsRecursion exact = FcfsRecursion.of(new ExponentialCustomers(lambda, 1, 11, 0), servers, REPLAYED);
    double lagSum = 0;
    for (int i = 0; i < REPLAYED; i++) {
      assertThat(cloudsim.arrivals()[i]).as("arrival %d", i).isCloseTo(exact.arrivals()[i], within(1e-7));
      double startLag = cloudsim.starts()[i] - exact.starts()[i];
      double finishLag = cloudsim.finishes()[i] - exact.finishes()[i];
      assertThat(startLag).as("customer %d's start after the recursion's", i).isBetween(-1e-9, 1e-4);
      assertThat(finishLag).as("customer %d's finish after the recursion's", i).isBetween(-1e-9, 1e-4);
      lagSum += finishLag;
    }
    assertThat(lagSum / REPLAYED).as("mean lag").isLessThan(1e-5);
    assertThat(cloudsim.events()).as("CloudSim Plus's events").isGreaterThan(5L * REPLAYED);
  }

  /** The replay's yardstick is the model: 20 x 200,000 customers pin W to about 3% at rho 0.9. */
  @ParameterizedTest(name = "M/M/{0}, lambda {1}")
  @CsvSource({"1, 0.9", "2, 1.8"})
  void theRecursionIsTheQueueOfTheoryAndOfDoppel(int servers, double lambda) {
    agree(servers, lambda, RECURSION_CUSTOMERS, REPLICATIONS, 0.05, r -> {
      FcfsRecursion run = FcfsRecursion.of(new ExponentialCustomers(lambda, 1, 31, r), servers, RECURSION_CUSTOMERS);
      return new double[] {run.meanWait(RECURSION_CUSTOMERS / 10), run.meanResponse(RECURSION_CUSTOMERS / 10)};
    });
  }

  /** CloudSim Plus's own runs: 10 x 20,000 customers, about two CPU seconds, see W to within about 20%. */
  @ParameterizedTest(name = "M/M/{0}, lambda {1}")
  @CsvSource({"1, 0.9", "2, 1.8"})
  void cloudSimsMeanTimesAreThoseOfTheoryAndOfDoppel(int servers, double lambda) {
    CloudletQueue queue = new CloudletQueue(servers, lambda, 1, CLOUDSIM_CUSTOMERS);
    agree(servers, lambda, CLOUDSIM_CUSTOMERS, CLOUDSIM_REPLICATIONS, 0.25, r -> {
      CloudletQueueResult run = queue.run(21, r);
      return new double[] {run.meanWait(CLOUDSIM_CUSTOMERS / 10), run.meanResponse(CLOUDSIM_CUSTOMERS / 10)};
    });
  }

  @Test
  void erlangCGivesTheKnownMeans() {
    assertThat(erlangC(1, 0.9)).isCloseTo(0.9, within(1e-12)); // M/M/1: P(wait) = rho
    assertThat(erlangC(2, 1.8) / (2 - 1.8) + 1).isCloseTo(5.263158, within(1e-6));
  }

  @Test
  void rejectsAQueueWithoutServersOrCustomers() {
    assertThatThrownBy(() -> new CloudletQueue(0, 0.9, 1, 10)).hasMessageContaining("servers");
    assertThatThrownBy(() -> new CloudletQueue(1, 0.9, 1, 0)).hasMessageContaining("customers");
  }

  /**
   * {@code replications} runs of {@code customers} (each giving its Wq and W, the first tenth discarded by count)
   * against Erlang C, which must lie in their 99% interval, and against Doppel's 20 replications of the same model
   * (the first tenth discarded by time), which must agree by Welch's t test at 99%. The interval's half-width must
   * stay below {@code precision} of W, or the test could not see an error that size.
   */
  private static void agree(int servers, double lambda, int customers, int replications, double precision,
      IntFunction<double[]> waitAndResponse) {
    double[] waits = new double[replications];
    double[] responses = new double[replications];
    for (int r = 0; r < replications; r++) {
      double[] run = waitAndResponse.apply(r);
      waits[r] = run[0];
      responses[r] = run[1];
    }
    Estimate wq = Estimate.of(waits, 0.99);
    Estimate w = Estimate.of(responses, 0.99);
    double wqAnalytic = erlangC(servers, lambda) / (servers - lambda);
    double wAnalytic = wqAnalytic + 1;
    assertThat(w.halfWidth()).as("the 99%% interval of W, %s", w).isLessThan(precision * wAnalytic);
    assertThat(w.contains(wAnalytic)).as("W %s against %s", w, wAnalytic).isTrue();
    assertThat(wq.contains(wqAnalytic)).as("Wq %s against %s", wq, wqAnalytic).isTrue();

    Network net = Network.builder()
        .source(new SourceSpec("in", ArrivalProcess.poisson(lambda), customers))
        .route("in", "server", 1)
        .station("server", servers, Distribution.exponential(1))
        .build();
    SimulationResult doppel = Simulation.run(net, SimulationConfig.of(Double.POSITIVE_INFINITY)
        .withWarmup(customers / 10.0 / lambda).withReplications(REPLICATIONS).withSeed(22));
    assertWelchAgrees("W", w, doppel.station("server", StationMetric.MEAN_RESPONSE));
    assertWelchAgrees("Wq", wq, doppel.station("server", StationMetric.MEAN_WAIT));
  }

  private static void assertWelchAgrees(String what, Estimate ours, Estimate doppel) {
    double oursVar = varianceOfMean(ours);
    double doppelVar = varianceOfMean(doppel);
    double se = Math.sqrt(oursVar + doppelVar);
    double df = Math.pow(se, 4) / (oursVar * oursVar / (ours.n() - 1) + doppelVar * doppelVar / (doppel.n() - 1));
    double allowed = new TDistribution(df).inverseCumulativeProbability(0.995) * se;
    assertThat(ours.mean()).as("%s %s against Doppel's %s, allowed ± %.4f", what, ours, doppel, allowed)
        .isCloseTo(doppel.mean(), within(allowed));
  }

  /** An estimate's half-width is t((1 + level) / 2, n - 1) * s / sqrt(n): s^2 / n back from it. */
  private static double varianceOfMean(Estimate e) {
    double t = new TDistribution(e.n() - 1).inverseCumulativeProbability((1 + e.level()) / 2);
    return Math.pow(e.halfWidth() / t, 2);
  }

  /** The probability that an arrival waits in M/M/c with offered load a = lambda / mu (Erlang's C formula). */
  private static double erlangC(int c, double a) {
    double term = 1;
    double sum = 1;
    for (int k = 1; k < c; k++) {
      term *= a / k;
      sum += term;
    }
    double last = term * a / c * c / (c - a);
    return last / (sum + last);
  }
}
