package io.doppel.bench.sim.cloudsim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

/**
 * Times repeated runs of one model the same way for every peer. Two untimed runs first (the JIT's warm-up; the
 * second also sizes the rounds), then {@code rounds} timed rounds of as many runs as fill {@link #ROUND_CPU_NANOS}
 * of the thread's CPU time, so that a fast peer's round is as long as a slow one's and the process clock's coarse
 * ticks do not matter; the fastest round by each clock is reported, per run, since on a shared machine the slower
 * rounds met more of the other work. Three clocks: this thread's CPU time (the simulation runs on it), the whole
 * process's CPU time (adds the garbage collector's and the JIT's threads, which an allocating simulator keeps
 * busy) and the wall clock.
 */
final class TimedRuns {
  /** A timed round lasts at least this much of the thread's CPU time (the process clock ticks every 10 ms or so). */
  private static final long ROUND_CPU_NANOS = 1_000_000_000L;

  private TimedRuns() {}

  /** The last run's result, the runs per round, and the best round's time per run by each clock, in seconds. */
  record Timed<T>(T result, int runsPerRound, double threadCpuSeconds, double processCpuSeconds,
      double wallSeconds) {}

  static <T> Timed<T> best(int rounds, Supplier<T> run) {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    run.get();
    long sizing0 = threads.getCurrentThreadCpuTime();
    T result = run.get();
    long oneRun = Math.max(1, threads.getCurrentThreadCpuTime() - sizing0);
    int runs = (int) Math.max(1, Math.min(1_000_000, (ROUND_CPU_NANOS + oneRun - 1) / oneRun));
    long thread = Long.MAX_VALUE;
    long process = Long.MAX_VALUE;
    long wall = Long.MAX_VALUE;
    for (int round = 0; round < rounds; round++) {
      long thread0 = threads.getCurrentThreadCpuTime();
      long process0 = processCpuNanos();
      long wall0 = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        result = run.get();
      }
      wall = Math.min(wall, System.nanoTime() - wall0);
      process = Math.min(process, processCpuNanos() - process0);
      thread = Math.min(thread, threads.getCurrentThreadCpuTime() - thread0);
    }
    return new Timed<>(result, runs, thread / 1e9 / runs, process / 1e9 / runs, wall / 1e9 / runs);
  }

  private static long processCpuNanos() {
    // HotSpot's (and so Temurin's, the build's JDK) platform bean; the standard one has no CPU time
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
