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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second of the simulation kernel on one thread; JMH's ops/s is events/s.
 *
 * <ul>
 *   <li>{@code hold}: the classic hold model, {@code pending} events in the queue, each one processed schedules the
 *       next at an exponential delay: the event queue and the loop alone (the heap's depth grows with pending; at
 *       10,000 the later events wait in the calendar buckets).
 *   <li>{@code mm1}: the full queueing model (arrivals, service, statistics, histograms) on an M/M/1 at rho = 0.9,
 *       {@value #CUSTOMERS} customers per invocation (two events each).
 * </ul>
 *
 * <p>Run: {@code java -jar bench/target/doppel-bench.jar SimKernel} (or {@code bench/run-sim-peer.sh}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class SimKernelBenchmark {
  static final int HOLD_EVENTS = 1_000_000;
  static final int CUSTOMERS = 500_000;

  /** The hold model's kernel with {@code pending} events always in its queue. */
  @State(Scope.Thread)
  public static class Hold {
    @Param({"16", "1000", "10000"})
    public int pending;

    Kernel kernel;
    SplittableRandom random;

    @Setup(Level.Trial)
    public void setUp() {
      kernel = new Kernel(pending + 1);
      random = RandomStreams.stream(1, 0, 0);
      for (int i = 0; i < pending; i++) {
        kernel.scheduleAt(random.nextExponential(), 0, i);
      }
    }
  }

  /** An M/M/1 at rho = 0.9 whose source stops after {@value #CUSTOMERS} customers. */
  @State(Scope.Thread)
  public static class Mm1 {
    Network network;

    @Setup(Level.Trial)
    public void setUp() {
      network = Network.builder()
          .source(new SourceSpec("in", ArrivalProcess.poisson(0.9), CUSTOMERS))
          .route("in", "server", 1)
          .station("server", 1, Distribution.exponential(1))
          .build();
    }
  }

  @Benchmark
  @OperationsPerInvocation(HOLD_EVENTS)
  public long hold(Hold state) {
    Kernel k = state.kernel;
    SplittableRandom r = state.random;
    k.run((kind, payload) -> k.schedule(r.nextExponential(), kind, payload),
        Double.POSITIVE_INFINITY, k.events() + HOLD_EVENTS);
    return k.events();
  }

  @Benchmark
  @OperationsPerInvocation(2 * CUSTOMERS)
  public ReplicationResult mm1(Mm1 state) {
    return new QueueingRun(state.network, SimulationConfig.of(Double.POSITIVE_INFINITY), 0).run();
  }
}
