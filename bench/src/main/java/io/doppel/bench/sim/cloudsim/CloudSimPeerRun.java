package io.doppel.bench.sim.cloudsim;

import io.doppel.bench.sim.cloudsim.TimedRuns.Timed;
import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import io.doppel.sim.network.Network;
import io.doppel.sim.network.QueueingRun;
import io.doppel.sim.network.ReplicationResult;
import io.doppel.sim.network.SimulationConfig;
import io.doppel.sim.network.SourceSpec;
import io.doppel.sim.network.StationResult;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Doppel's kernel and CloudSim Plus in the same run on the same M/M/1 (lambda 0.9) and M/M/2 (lambda 1.8), mu 1
 * per server, with the same number of customers (the SimPy comparison's models, {@code SimPeerRun}). Each peer is
 * timed by {@link TimedRuns}: warm-up runs, then the fastest of the timed rounds by the simulation thread's CPU time,
 * the process's CPU time and the wall clock, per run of all the customers. The fair unit is the customer: Doppel's
 * kernel takes two events per customer (arrival, departure), CloudSim Plus six or seven (the source's arrival, the
 * broker's cloudlet creation, the datacenter's submission, processing updates, the return to the broker), so both
 * counts are printed too.
 *
 * <p>Run: {@code java -cp bench/target/doppel-bench.jar io.doppel.bench.sim.cloudsim.CloudSimPeerRun [customers
 * [rounds]]} (200,000 customers and 3 timed rounds unless given).
 */
public final class CloudSimPeerRun {
  private static final long SEED = 1;

  private CloudSimPeerRun() {}

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      // CloudSim Plus logs every cloudlet at INFO; the bench's configuration keeps warnings only
      System.setProperty("logback.configurationFile", "doppel-bench-logback.xml");
    }
    int customers = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    PrintStream out = System.out;
    compare(out, "mm1", 1, 0.9, customers, rounds, 9.0, 10.0);
    compare(out, "mm2", 2, 1.8, customers, rounds, 4.263158, 5.263158);
  }

  private static void compare(PrintStream out, String name, int servers, double lambda, int customers, int rounds,
      double wqAnalytic, double wAnalytic) {
    out.printf(Locale.ROOT, "%s_customers=%d %s_Wq_analytic=%s %s_W_analytic=%s%n", name, customers, name,
        wqAnalytic, name, wAnalytic);
    Network net = Network.builder()
        .source(new SourceSpec("in", ArrivalProcess.poisson(lambda), customers))
        .route("in", "server", 1)
        .station("server", servers, Distribution.exponential(1))
        .build();
    // the first tenth discarded: Doppel by time, CloudSim Plus by count (as SimPeerRun and the SimPy peer)
    SimulationConfig config = SimulationConfig.of(Double.POSITIVE_INFINITY).withWarmup(customers / 10.0 / lambda)
        .withSeed(SEED);
    Timed<ReplicationResult> doppel = TimedRuns.best(rounds, () -> new QueueingRun(net, config, 0).run());
    StationResult station = doppel.result().stations().getFirst();
    print(out, name + "_doppel", station.meanWait(), station.meanResponse(), customers, doppel.result().events(),
        doppel);
    CloudletQueue queue = new CloudletQueue(servers, lambda, 1, customers);
    Timed<CloudletQueueResult> cloudsim = TimedRuns.best(rounds, () -> queue.run(SEED, 0));
    CloudletQueueResult result = cloudsim.result();
    print(out, name + "_cloudsim", result.meanWait(customers / 10), result.meanResponse(customers / 10), customers,
        result.events(), cloudsim);
    out.printf(Locale.ROOT, "%s_doppel_over_cloudsim_per_customer thread_cpu=%.1f process_cpu=%.1f wall=%.1f%n", name,
        cloudsim.threadCpuSeconds() / doppel.threadCpuSeconds(),
        cloudsim.processCpuSeconds() / doppel.processCpuSeconds(), cloudsim.wallSeconds() / doppel.wallSeconds());
  }

  private static void print(PrintStream out, String peer, double wq, double w, int customers, long events,
      Timed<?> timed) {
    out.printf(Locale.ROOT, "%s_Wq=%.4f %s_W=%.4f %s_events=%d %s_events_per_customer=%.2f%n", peer, wq, peer, w,
        peer, events, peer, events / (double) customers);
    out.printf(Locale.ROOT, "%s_runs_per_round=%d %s_thread_cpu_s=%.4f %s_process_cpu_s=%.4f %s_wall_s=%.4f%n", peer,
        timed.runsPerRound(), peer, timed.threadCpuSeconds(), peer, timed.processCpuSeconds(), peer,
        timed.wallSeconds());
    out.printf(Locale.ROOT, "%s_customers_per_cpu_s=%.0f %s_customers_per_process_cpu_s=%.0f"
        + " %s_customers_per_wall_s=%.0f%n", peer, customers / timed.threadCpuSeconds(), peer,
        customers / timed.processCpuSeconds(), peer, customers / timed.wallSeconds());
    out.printf(Locale.ROOT, "%s_events_per_cpu_s=%.0f %s_events_per_wall_s=%.0f%n", peer,
        events / timed.threadCpuSeconds(), peer, events / timed.wallSeconds());
  }
}
