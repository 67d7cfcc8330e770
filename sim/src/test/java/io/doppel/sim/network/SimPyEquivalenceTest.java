package io.doppel.sim.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import io.doppel.sim.stats.Estimate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hipparchus.distribution.continuous.TDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same M/M/1 and M/M/2 as the SimPy peer ({@code shared/peers/des-simpy.py}: same rates, same number of
 * customers, the first tenth discarded), simulated by SimPy 2.3 and by Doppel, each over its own replications (the
 * peer's own {@code run} function, called with seeds 1..n): the two means must agree by Welch's two-sample t test at
 * the 99% level. A Doppel that got the model wrong lands far outside: near saturation W is steep in the rates, so a
 * mean service time 1% too long moves W by 12% (M/M/1) and 11% (M/M/2), beyond the ±6% the test allows (tried: both
 * tests fail with it).
 *
 * <p>Runs in the {@code interop} profile ({@code .ci/run} installs Debian's {@code python3-simpy}); it needs
 * {@code /usr/bin/python3} with SimPy and fails, saying so, without them.
 */
@Tag("interop")
class SimPyEquivalenceTest {
  private static final int CUSTOMERS = 100_000;
  private static final int SIMPY_REPLICATIONS = 12;
  private static final int REPLICATIONS = 20;
  /**
   * Runs the peer script's model function (everything above its command-line part) once per seed and prints one line
   * per run: {@code model seed Wq W}.
   */
  private static final String DRIVER = """
      import sys
      source = open(sys.argv[1]).read()
      exec(source[:source.index("n = int(sys.argv")])
      for name, c, lam in (("mm1", 1, 0.9), ("mm2", 2, 1.8)):
          for seed in range(1, int(sys.argv[3]) + 1):
              wq, w, ev, dt = run(c, lam, 1.0, int(sys.argv[2]), seed)
              print(name, seed, repr(wq), repr(w))
      """;
  private static final Map<String, List<Double>> simpy = new HashMap<>();

  @BeforeAll
  static void runSimPy() throws Exception {
    Path script = peerScript();
    Process process = new ProcessBuilder("/usr/bin/python3", "-c", DRIVER, script.toString(),
        Integer.toString(CUSTOMERS), Integer.toString(SIMPY_REPLICATIONS)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("SimPy finished").isTrue();
    assertThat(process.exitValue()).as("SimPy's output:%n%s", output).isZero();
    for (String line : output.strip().split("\\R")) {
      String[] f = line.trim().split(" ");
      simpy.computeIfAbsent(f[0] + "_Wq", k -> new ArrayList<>()).add(Double.parseDouble(f[2]));
      simpy.computeIfAbsent(f[0] + "_W", k -> new ArrayList<>()).add(Double.parseDouble(f[3]));
    }
  }

  @Test
  void mm1AgreesWithSimPy() {
    SimulationResult doppel = simulate(1, 0.9);
    assertAgrees("mm1_W", doppel.station("server", StationMetric.MEAN_RESPONSE));
    assertAgrees("mm1_Wq", doppel.station("server", StationMetric.MEAN_WAIT));
  }

  @Test
  void mm2AgreesWithSimPy() {
    SimulationResult doppel = simulate(2, 1.8);
    assertAgrees("mm2_W", doppel.station("server", StationMetric.MEAN_RESPONSE));
    assertAgrees("mm2_Wq", doppel.station("server", StationMetric.MEAN_WAIT));
  }

  /** The peer's model: Poisson arrivals of a fixed number of customers, exponential service of mean 1. */
  private static SimulationResult simulate(int servers, double lambda) {
    Network net = Network.builder()
        .source(new SourceSpec("in", ArrivalProcess.poisson(lambda), CUSTOMERS))
        .route("in", "server", 1)
        .station("server", servers, Distribution.exponential(1))
        .build();
    SimulationConfig config = SimulationConfig.of(Double.POSITIVE_INFINITY)
        .withWarmup(CUSTOMERS / 10.0 / lambda).withReplications(REPLICATIONS).withSeed(7);
    return Simulation.run(net, config);
  }

  /** Welch's t test of the two means at the 99% level, with the Welch-Satterthwaite degrees of freedom. */
  private static void assertAgrees(String key, Estimate doppel) {
    List<Double> theirs = simpy.get(key);
    assertThat(theirs).as("SimPy's runs of %s", key).hasSize(SIMPY_REPLICATIONS);
    assertThat(doppel.n()).isEqualTo(REPLICATIONS);
    double[] values = theirs.stream().mapToDouble(Double::doubleValue).toArray();
    double simpyMean = Arrays.stream(values).average().orElseThrow();
    double simpyVar = Arrays.stream(values).map(v -> (v - simpyMean) * (v - simpyMean)).sum() / (values.length - 1);
    // Estimate's half-width is t(0.975, n-1) * s / sqrt(n): recover s^2 / n
    double t95 = new TDistribution(doppel.n() - 1).inverseCumulativeProbability(0.975);
    double doppelVarOfMean = Math.pow(doppel.halfWidth() / t95, 2);
    double simpyVarOfMean = simpyVar / values.length;
    double se = Math.sqrt(doppelVarOfMean + simpyVarOfMean);
    double df = Math.pow(se, 4) / (Math.pow(doppelVarOfMean, 2) / (doppel.n() - 1)
        + Math.pow(simpyVarOfMean, 2) / (values.length - 1));
    double allowed = new TDistribution(df).inverseCumulativeProbability(0.995) * se;
    assertThat(allowed).as("%s: the test must be able to tell a 10%% difference", key)
        .isLessThan(0.08 * doppel.mean());
    assertThat(simpyMean).as("SimPy's mean %s (%d runs) against Doppel's %.4f (%d replications), allowed ± %.4f",
        key, values.length, doppel.mean(), doppel.n(), allowed)
        .isBetween(doppel.mean() - allowed, doppel.mean() + allowed);
  }
  private static Path peerScript() throws IOException {
    if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
      throw new IllegalStateException("/usr/bin/python3 is missing: install Debian's python3-simpy");
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/peers/des-simpy.py");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no shared/peers/des-simpy.py above " + Path.of("").toAbsolutePath());
  }
}
