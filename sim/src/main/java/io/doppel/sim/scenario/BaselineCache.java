package io.doppel.sim.scenario;

import io.doppel.sim.network.Network;
import io.doppel.sim.network.ReplicationResult;
import io.doppel.sim.network.SimulationConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The replications of baselines already simulated, by the content of the network and the run settings: a re-run,
 * or another scenario of the same snapshot, simulates the same baseline with the same seeds, so its replications
 * come out the same and can be taken from here. Keyed by {@link ContentKey}'s hash with the whole content compared
 * on a hit, so a network that differs in any property, route or number never matches. The least recently used
 * entry goes when more than {@code capacity} are kept (an entry is a few MB for a 50-station network with 20
 * replications and time series).
 */
final class BaselineCache {
  private record Entry(ContentKey key, List<ReplicationResult> replications) {}

  private final int capacity;
  private final Map<String, Entry> entries;

  BaselineCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** The key of a baseline run; empty when the network holds something without a content key (never cached). */
  static Optional<ContentKey> key(Network network, SimulationConfig config) {
    // the thread count does not change a replication's figures (each has its own kernel and streams)
    return ContentKey.of(network, config.withParallelism(1));
  }

  synchronized Optional<List<ReplicationResult>> get(ContentKey key) {
    Entry e = entries.get(key.hash());
    return e != null && e.key().sameContent(key) ? Optional.of(e.replications()) : Optional.empty();
  }

  synchronized void put(ContentKey key, List<ReplicationResult> replications) {
    if (capacity == 0) {
      return;
    }
    entries.put(key.hash(), new Entry(key, List.copyOf(replications)));
    while (entries.size() > capacity) {
      entries.remove(entries.keySet().iterator().next());
    }
  }

  synchronized int size() {
    return entries.size();
  }
}
