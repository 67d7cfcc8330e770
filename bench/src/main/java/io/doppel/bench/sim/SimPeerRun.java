package io.doppel.bench.sim;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import io.doppel.sim.network.Network;
import io.doppel.sim.network.QueueingRun;
import io.doppel.sim.network.ReplicationResult;
import io.doppel.sim.network.Simulation;
import io.doppel.sim.network.SimulationConfig;
import io.doppel.sim.network.SimulationResult;
import io.doppel.sim.network.SourceSpec;
import io.doppel.sim.network.StationMetric;
import io.doppel.sim.stats.Estimate;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Doppel's side of the SimPy comparison ({@code shared/peers/des-simpy.py}): the same M/M/1 (lambda 0.9, mu 1) and
 * M/M/2 (lambda 1.8, mu 1 per server) with the same number of customers, the first tenth discarded as warm-up
 * (here by time: customers / 10 / lambda). Prints SimPy's keys: the fastest of three timed single-thread runs (after
 * a JIT warm-up run; wall clock and the thread's CPU time), and the 95% interval of W and Wq over 10 replications of the same length.
 *
 * <p>Run: {@code java -cp bench/target/doppel-bench.jar io.doppel.bench.sim.SimPeerRun [customers]}
 */
public final class SimPeerRun {
  /** Timed runs of the same replication; the fastest is reported (the others met more of the machine's other work). */
  private static final int TIMED_RUNS = 3;

  private SimPeerRun() {}

  public static void main(String[] args) {
    int customers = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    PrintStream out = System.out;
    report(out, "mm1", 1, 0.9, customers, 9.0, 10.0);
    report(out, "mm2", 2, 1.8, customers, 4.263158, 5.263158);
  }

  private static void report(PrintStream out, String name, int servers, double lambda, int customers,
      double wqAnalytic, double wAnalytic) {
    Network net = Network.builder()
        .source(new SourceSpec("in", ArrivalProcess.poisson(lambda), customers))
        .route("in", "server", 1)
        .station("server", servers, Distribution.exponential(1))
        .build();
    SimulationConfig config = SimulationConfig.of(Double.POSITIVE_INFINITY).withWarmup(customers / 10.0 / lambda);
    new QueueingRun(net, config.withSeed(99), 0).run();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double seconds = Double.POSITIVE_INFINITY;
    double cpuSeconds = Double.POSITIVE_INFINITY;
    ReplicationResult one = null;
    for (int round = 0; round < TIMED_RUNS; round++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      one = new QueueingRun(net, config, 0).run();
      seconds = Math.min(seconds, (System.nanoTime() - t0) / 1e9);
      cpuSeconds = Math.min(cpuSeconds, (threads.getCurrentThreadCpuTime() - cpu0) / 1e9);
    }
    SimulationResult ten = Simulation.run(net, config.withReplications(10));
    Estimate wq = ten.station("server", StationMetric.MEAN_WAIT);
    Estimate w = ten.station("server", StationMetric.MEAN_RESPONSE);
    out.printf(Locale.ROOT, "%s_customers=%d%n", name, customers);
    out.printf(Locale.ROOT, "%s_Wq_sim=%.4f %s_Wq_analytic=%s%n", name, one.stations().getFirst().meanWait(), name,
        wqAnalytic);
    out.printf(Locale.ROOT, "%s_W_sim=%.4f %s_W_analytic=%s%n", name, one.stations().getFirst().meanResponse(), name,
        wAnalytic);
    out.printf(Locale.ROOT, "%s_Wq_ci95=%.4f..%.4f %s_W_ci95=%.4f..%.4f (10 replications)%n", name, wq.low(),
        wq.high(), name, w.low(), w.high());
    out.printf(Locale.ROOT, "%s_events=%d %s_wall_s=%.3f %s_events_per_s=%.0f %s_customers_per_s=%.0f"
        + " %s_cpu_s=%.3f %s_events_per_cpu_s=%.0f%n", name, one.events(), name, seconds, name, one.events() / seconds,
        name, customers / seconds, name, cpuSeconds, name, one.events() / cpuSeconds);
  }
}
