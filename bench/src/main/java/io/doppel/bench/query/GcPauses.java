package io.doppel.bench.query;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The collector's stop-the-world pauses as they happen (JMX notifications: start and end in JVM uptime
 * milliseconds), so that each timed query can be told whether a pause overlapped it. Concurrent cycles (G1's
 * marking, ZGC's cycles) are reported by their own beans as collections too; they do not stop the query thread, so
 * only the pausing beans are listened to.
 */
final class GcPauses implements AutoCloseable {
  /** One pause, in JVM uptime milliseconds. */
  record Pause(long startMillis, long endMillis) {}

  private final List<Pause> pauses = new ArrayList<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = (notification, handback) -> {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    synchronized (pauses) {
      pauses.add(new Pause(info.getGcInfo().getStartTime(), info.getGcInfo().getEndTime()));
    }
  };

  GcPauses() {
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      // "G1 Concurrent GC" and "ZGC Major/Minor Cycles" time concurrent work; G1's remark and cleanup pauses are
      // reported under it too, but they are short next to the young pauses this is after.
      if (bean.getName().contains("Concurrent") || bean.getName().contains("Cycles")) {
        continue;
      }
      NotificationEmitter emitter = (NotificationEmitter) bean;
      emitter.addNotificationListener(listener, null, null);
      emitters.add(emitter);
    }
  }

  /** The pauses recorded from {@code fromIndex} on (indexes are positions in the order they were reported). */
  List<Pause> since(int fromIndex) {
    synchronized (pauses) {
      return List.copyOf(pauses.subList(Math.min(fromIndex, pauses.size()), pauses.size()));
    }
  }

  int count() {
    synchronized (pauses) {
      return pauses.size();
    }
  }

  /** Milliseconds of the interval [start, end] (uptime milliseconds) that pauses in {@code pauses} covered. */
  static long overlap(List<Pause> pauses, long startMillis, long endMillis) {
    long covered = 0;
    for (Pause p : pauses) {
      long from = Math.max(p.startMillis(), startMillis);
      long to = Math.min(p.endMillis(), endMillis);
      if (to >= from && p.endMillis() >= startMillis && p.startMillis() <= endMillis) {
        covered += Math.max(1, to - from); // a pause that touched the run costs it at least the clock's tick
      }
    }
    return covered;
  }

  @Override
  public void close() throws Exception {
    for (NotificationEmitter emitter : emitters) {
      emitter.removeNotificationListener(listener);
    }
  }
}
