package io.doppel.bench.mqtt;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time by thread group over a measurement, so that a harness whose clients share the JVM can tell the server's
 * cost from the clients'. Threads are grouped by name without their trailing number ("bench-client-3" and
 * "bench-client-5" are one group); a thread started during the measurement counts from zero.
 */
final class ThreadCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> startNanos;

  private ThreadCpu(Map<Long, Long> startNanos) {
    this.startNanos = startNanos;
  }

  static ThreadCpu start() {
    Map<Long, Long> at = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      long cpu = THREADS.getThreadCpuTime(id);
      if (cpu >= 0) {
        at.put(id, cpu);
      }
    }
    return new ThreadCpu(at);
  }

  /** CPU nanoseconds per thread group since {@link #start()}, of the threads still alive. */
  Map<String, Long> sinceStart() {
    Map<String, Long> byGroup = new TreeMap<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = THREADS.getThreadCpuTime(info.getThreadId());
      if (cpu < 0) {
        continue;
      }
      long used = cpu - startNanos.getOrDefault(info.getThreadId(), 0L);
      byGroup.merge(group(info.getThreadName()), used, Long::sum);
    }
    return byGroup;
  }

  /** Clients are the harness's own threads and the MQTT client library's; everything else is the server's. */
  static boolean isClient(String group) {
    return group.startsWith("bench-client") || group.startsWith("com.hivemq.client")
        || group.startsWith("RxComputationThreadPool"); // the HiveMQ client's RxJava scheduler
  }

  /** The name without the numbers pools append ("doppel-mqtt-3-1" and "doppel-mqtt-3-2" are "doppel-mqtt"). */
  static String group(String name) {
    return name.replaceAll("([-_ #]*\\d+)+$", "");
  }

  /**
   * Prints the groups over 1% of a core, the server and client totals, and the server's CPU per value: its threads
   * plus the JVM's own (GC, JIT: the process CPU no Java thread accounts for), which serve the clients too but
   * mostly the server, so that the figure errs against the server.
   */
  static void print(PrintStream out, Map<String, Long> byGroup, long processNanos, long wallNanos, long values) {
    long server = 0;
    long clients = 0;
    for (Map.Entry<String, Long> e : byGroup.entrySet()) {
      if (isClient(e.getKey())) {
        clients += e.getValue();
      } else {
        server += e.getValue();
      }
    }
    long jvm = Math.max(0, processNanos - server - clients);
    out.printf(Locale.ROOT, "thread CPU: server %.3f cores, clients %.3f cores, JVM (GC, JIT) %.3f cores; server "
        + "with the JVM's %.2f us CPU per value (%,d values)%n", server / (double) wallNanos,
        clients / (double) wallNanos, jvm / (double) wallNanos,
        values == 0 ? Double.NaN : (server + jvm) / 1e3 / values, values);
    byGroup.entrySet().stream().filter(e -> e.getValue() > wallNanos / 100)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> out.printf(Locale.ROOT, "  %-40s %6.3f cores %6.2f us per value%s%n", e.getKey(),
            e.getValue() / (double) wallNanos, values == 0 ? Double.NaN : e.getValue() / 1e3 / values,
            isClient(e.getKey()) ? "  (client)" : ""));
  }
}
