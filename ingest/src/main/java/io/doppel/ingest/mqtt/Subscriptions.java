package io.doppel.ingest.mqtt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who subscribed to what, indexed by twin id so that a property change of one twin looks at that twin's subscribers
 * and the (usually few) {@code twins/+/...} ones, not at every session. Written from network threads, read from the
 * engine's writer thread and HTTP threads.
 */
final class Subscriptions {
  record Entry(MqttSession session, TopicFilter filter) {}

  private final ConcurrentHashMap<String, Set<Entry>> byTwin = new ConcurrentHashMap<>();
  private final Set<Entry> anyTwin = ConcurrentHashMap.newKeySet();

  void add(MqttSession session, TopicFilter filter) {
    Entry entry = new Entry(session, filter);
    String twin = filter.twinId();
    if (twin == null) {
      anyTwin.add(entry);
    } else {
      byTwin.computeIfAbsent(twin, t -> ConcurrentHashMap.newKeySet()).add(entry);
    }
  }

  boolean remove(MqttSession session, TopicFilter filter) {
    Entry entry = new Entry(session, filter);
    String twin = filter.twinId();
    if (twin == null) {
      return anyTwin.remove(entry);
    }
    boolean[] removed = {false};
    byTwin.computeIfPresent(twin, (t, set) -> {
      removed[0] = set.remove(entry);
      return set.isEmpty() ? null : set;
    });
    return removed[0];
  }

  /** Whether anyone may want a message about {@code twinId} (cheap: checked before encoding anything). */
  boolean anyFor(String twinId) {
    return !anyTwin.isEmpty() || byTwin.containsKey(twinId);
  }

  /** Each session with a filter matching {@code topic}, once, with the highest QoS it was granted for it. */
  Map<MqttSession, Integer> matching(String twinId, String topic) {
    Map<MqttSession, Integer> out = new LinkedHashMap<>();
    Set<Entry> exact = byTwin.get(twinId);
    if (exact != null) {
      collect(exact, topic, out);
    }
    collect(anyTwin, topic, out);
    return out;
  }

  private static void collect(Set<Entry> entries, String topic, Map<MqttSession, Integer> out) {
    for (Entry entry : entries) {
      if (entry.filter().matches(topic)) {
        int qos = entry.session().grantedQos(entry.filter());
        if (qos >= 0) {
          out.merge(entry.session(), qos, Math::max);
        }
      }
    }
  }
}
