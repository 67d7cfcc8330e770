package io.doppel.query;

import io.doppel.query.exec.Run;
import io.doppel.twin.GraphSnapshot;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Paged queries that keep their snapshot between pages. A lease is taken out while a page runs (so two requests
 * never drive one run), put back afterwards, and closed when idle longer than the timeout or when the table is full
 * (least recently used first). A client whose lease is gone still resumes, on a fresh snapshot, from its token.
 */
final class Leases implements AutoCloseable {
  /** A run in progress: the snapshot it reads, the page the next token continues, and the query it belongs to. */
  record Lease(long id, GraphSnapshot snapshot, Run run, int queryHash, int nextPage, long lastUsedMillis) {}

  private final Clock clock;
  private final Duration idleTimeout;
  private final int maxOpen;
  private final SecureRandom ids = new SecureRandom();
  /** Access order: the eldest entry is the least recently used lease. */
  private final Map<Long, Lease> open = new LinkedHashMap<>(16, 0.75f, true);

  Leases(Clock clock, Duration idleTimeout, int maxOpen) {
    this.clock = clock;
    this.idleTimeout = idleTimeout;
    this.maxOpen = maxOpen;
  }

  long newId() {
    return ids.nextLong();
  }

  long now() {
    return clock.millis();
  }

  /** Removes and returns the lease when it is open and at this page of this query; null otherwise. */
  @Nullable Lease take(long id, int page, int queryHash) {
    List<Lease> expired;
    Lease lease;
    synchronized (this) {
      expired = expire();
      lease = open.get(id);
      if (lease != null && (lease.nextPage() != page || lease.queryHash() != queryHash)) {
        lease = null;
      } else if (lease != null) {
        open.remove(id);
      }
    }
    closeAll(expired);
    return lease;
  }

  /** Keeps a lease for its next page; with no room for it (a cap of 0), closes its snapshot instead. */
  void put(Lease lease) {
    List<Lease> closing;
    synchronized (this) {
      closing = expire();
      while (!open.isEmpty() && open.size() >= maxOpen) {
        Iterator<Lease> eldest = open.values().iterator();
        closing.add(eldest.next());
        eldest.remove();
      }
      if (maxOpen > 0) {
        open.put(lease.id(), lease);
      } else {
        closing.add(lease);
      }
    }
    closeAll(closing);
  }

  synchronized int size() {
    return open.size();
  }

  private List<Lease> expire() {
    long cutoff = now() - idleTimeout.toMillis();
    List<Lease> expired = new ArrayList<>();
    open.values().removeIf(l -> {
      if (l.lastUsedMillis() < cutoff) {
        expired.add(l);
        return true;
      }
      return false;
    });
    return expired;
  }

  private static void closeAll(List<Lease> leases) {
    leases.forEach(l -> l.snapshot().close());
  }

  /** Closes leases idle past the timeout now, rather than at the next request. */
  void sweep() {
    List<Lease> expired;
    synchronized (this) {
      expired = expire();
    }
    closeAll(expired);
  }

  @Override
  public void close() {
    List<Lease> all;
    synchronized (this) {
      all = new ArrayList<>(open.values());
      open.clear();
    }
    closeAll(all);
  }
}
