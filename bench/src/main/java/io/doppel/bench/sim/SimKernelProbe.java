package io.doppel.bench.sim;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import io.doppel.sim.kernel.Kernel;
import io.doppel.sim.kernel.RandomStreams;
import io.doppel.sim.network.Network;
import io.doppel.sim.network.QueueingRun;
import io.doppel.sim.network.ReplicationResult;
import io.doppel.sim.network.SimulationConfig;
import io.doppel.sim.network.SourceSpec;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The JMH benchmark's two loads measured by the thread's CPU time as well as the wall clock: on a machine shared
 * with other work, events per CPU second is what the kernel would do on a core of its own, where wall-clock rates
 * mostly say how busy the machine was.
 *
 * Also: the hold model's CPU nanoseconds per event for other queue sizes (1, 16, 64, 10,000 pending).
 *
 * <p>Run: {@code java -cp bench/target/doppel-bench.jar io.doppel.bench.sim.SimKernelProbe [rounds=5]}
 */
public final class SimKernelProbe {
  private static final int HOLD_EVENTS = 20_000_000;
  private static final int CUSTOMERS = 2_000_000;

  private SimKernelProbe() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    PrintStream out = System.out;
    Kernel kernel = new Kernel(1_001);
    SplittableRandom random = RandomStreams.stream(1, 0, 0);
    for (int i = 0; i < 1_000; i++) {
      kernel.scheduleAt(random.nextExponential(), 0, i);
    }
    Network mm1 = Network.builder()
        .source(new SourceSpec("in", ArrivalProcess.poisson(0.9), CUSTOMERS))
        .route("in", "server", 1)
        .station("server", 1, Distribution.exponential(1))
        .build();
    for (int pending : new int[] {1, 16, 64, 10_000}) {
      Kernel k = new Kernel(pending + 1);
      for (int i = 0; i < pending; i++) {
        k.scheduleAt(random.nextExponential(), 0, i);
      }
      long best = Long.MAX_VALUE;
      for (int round = 0; round < rounds; round++) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        k.run((kind, payload) -> k.schedule(random.nextExponential(), kind, payload),
            Double.POSITIVE_INFINITY, k.events() + HOLD_EVENTS / 4);
        best = Math.min(best, threads.getCurrentThreadCpuTime() - cpu0);
      }
      out.printf(Locale.ROOT, "hold_pending=%d hold_ns_per_event_cpu=%.1f%n", pending, best / (HOLD_EVENTS / 4.0));
    }
    for (int round = 0; round < rounds; round++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      kernel.run((kind, payload) -> kernel.schedule(random.nextExponential(), kind, payload),
          Double.POSITIVE_INFINITY, kernel.events() + HOLD_EVENTS);
      print(out, "hold1000", round, HOLD_EVENTS, threads.getCurrentThreadCpuTime() - cpu0, System.nanoTime() - wall0);
      cpu0 = threads.getCurrentThreadCpuTime();
      wall0 = System.nanoTime();
      ReplicationResult r = new QueueingRun(mm1, SimulationConfig.of(Double.POSITIVE_INFINITY), round).run();
      print(out, "mm1", round, r.events(), threads.getCurrentThreadCpuTime() - cpu0, System.nanoTime() - wall0);
    }
  }

  private static void print(PrintStream out, String name, int round, long events, long cpuNanos, long wallNanos) {
    out.printf(Locale.ROOT, "%s_round=%d %s_events=%d %s_events_per_cpu_s=%.0f %s_events_per_wall_s=%.0f%n", name,
        round, name, events, name, events / (cpuNanos / 1e9), name, events / (wallNanos / 1e9));
  }
}
