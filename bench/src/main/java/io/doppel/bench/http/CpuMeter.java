package io.doppel.bench.http;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures how many cores the harness's own JVM (the server under test), its finished child processes (wrk) and the
 * whole machine kept busy between two samples, so the report can say how the cores were shared and whether
 * something else on the machine competed with the run.
 *
 * @param processCpuNanos CPU time of this JVM
 * @param childTicks CPU time, in clock ticks, of the children this JVM has reaped ({@code cutime + cstime} of
 *     /proc/self/stat): wrk's time once its run has ended
 * @param busyTicks non-idle clock ticks of all CPUs (/proc/stat)
 * @param totalTicks all clock ticks of all CPUs (/proc/stat)
 * @param wallNanos when the sample was taken
 */
record CpuMeter(long processCpuNanos, long childTicks, long busyTicks, long totalTicks, long wallNanos) {

  static CpuMeter sample() throws IOException {
    long[] ticks = machineTicks();
    return new CpuMeter(ownCpuNanos(), reapedChildTicks(), ticks[0], ticks[1], System.nanoTime());
  }

  /** Cores used between {@code this} sample and {@code later}. */
  Cores coresUntil(CpuMeter later) {
    double wall = later.wallNanos - wallNanos;
    double server = (later.processCpuNanos - processCpuNanos) / wall;
    long total = later.totalTicks - totalTicks;
    if (total == 0) {
      return new Cores(server, 0, 0);
    }
    // total ticks over all CPUs divided by the CPU count is the wall time in ticks
    double wallTicks = (double) total / cores();
    double children = (later.childTicks - childTicks) / wallTicks;
    double machine = (later.busyTicks - busyTicks) / wallTicks;
    return new Cores(server, children, machine);
  }

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Average busy cores over a run: the server JVM, wrk, and the whole machine. */
  record Cores(double server, double wrk, double machine) {
    /** Whatever else ran on the machine meanwhile (other builds, the OS): noise in the figures when large. */
    double other() {
      return Math.max(0, machine - server - wrk);
    }
  }

  private static long ownCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    throw new IllegalStateException("this JVM does not report process CPU time");
  }

  private static long reapedChildTicks() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    // the command name is in parentheses and may contain spaces; fields resume after the last ')'
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // fields[0] is field 3 (state), so cutime (16) and cstime (17) are at 13 and 14
    return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
  }

  /** [busy, total] ticks over all CPUs from the first line of /proc/stat; busy excludes idle and iowait. */
  private static long[] machineTicks() throws IOException {
    String first = Files.readAllLines(Path.of("/proc/stat")).getFirst();
    String[] parts = first.trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < parts.length && i <= 8; i++) {
      total += Long.parseLong(parts[i]);
    }
    long idle = Long.parseLong(parts[4]) + Long.parseLong(parts[5]);
    return new long[] {total - idle, total};
  }
}
