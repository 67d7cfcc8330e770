package io.doppel.bench.query;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One measured phase's context: how long the collector paused, how busy the process and the machine were, and which
 * threads took the CPU (the query thread competes with the writer, the engine's sequencer, the store and the
 * collector for the cores).
 */
final class Phase {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final int firstPause;
  private final long startNanos;
  private final long processCpuStart;
  private final Map<Long, Long> threadCpuStart = new HashMap<>();

  private Phase(int firstPause) {
    this.firstPause = firstPause;
    this.startNanos = System.nanoTime();
    this.processCpuStart = OS.getProcessCpuTime();
    for (long id : THREADS.getAllThreadIds()) {
      threadCpuStart.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
    }
  }

  static Phase start(GcPauses pauses) {
    return new Phase(pauses.count());
  }

  void print(GcPauses pauses) {
    double wall = (System.nanoTime() - startNanos) / 1e9;
    List<GcPauses.Pause> met = pauses.since(firstPause);
    long total = 0;
    long longest = 0;
    for (GcPauses.Pause p : met) {
      total += p.endMillis() - p.startMillis();
      longest = Math.max(longest, p.endMillis() - p.startMillis());
    }
    System.out.printf(Locale.ROOT, "%nphase: %.1f s; %d GC pauses, %.1f s in all, longest %d ms; process CPU %.2f "
            + "cores of %d; load average %.2f%n", wall, met.size(), total / 1e3, longest,
        (OS.getProcessCpuTime() - processCpuStart) / 1e9 / wall, OS.getAvailableProcessors(),
        OS.getSystemLoadAverage());
    Map<String, Long> byGroup = new HashMap<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null) {
        long used = THREADS.getThreadCpuTime(info.getThreadId()) - threadCpuStart.getOrDefault(info.getThreadId(), 0L);
        byGroup.merge(info.getThreadName().replaceAll("([-_ #]*\\d+)+$", ""), used, Long::sum);
      }
    }
    byGroup.entrySet().stream().filter(e -> e.getValue() > wall * 1e9 / 50)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> System.out.printf(Locale.ROOT, "  thread %-36s %5.2f cores%n", e.getKey(),
            e.getValue() / 1e9 / wall));
  }
}
