package io.doppel.ingest;

import io.doppel.twin.Origin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection state of every twin a device or connector feeds: online while its source has been heard from within
 * the inactivity timeout, offline after it (or at once when the source disconnects). A source that goes quiet is
 * noticed by a timer, not by the next message, so a dead device goes offline on time even when nothing else
 * happens (the failure ThingsBoard users report is a state that stays "active" forever).
 *
 * <p>Hearing from an online twin only stores a time; each online twin has one pending check in a queue ordered by
 * deadline, re-queued at its new deadline when it was heard meanwhile, so the sweep costs O(twins whose deadline
 * came) rather than O(all twins).
 */
public final class Presence implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Presence.class);

  private final Clock clock;
  private final Duration timeout;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final PriorityQueue<Check> checks = new PriorityQueue<>();
  private final List<Consumer<Connection>> listeners = new CopyOnWriteArrayList<>();
  private final @org.jspecify.annotations.Nullable ScheduledExecutorService timer;

  private Presence(Clock clock, Duration timeout, boolean scheduled) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the inactivity timeout must be positive, not " + timeout);
    }
    this.clock = clock;
    this.timeout = timeout;
    if (scheduled) {
      this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "doppel-presence");
        t.setDaemon(true);
        return t;
      });
      long period = Math.clamp(timeout.toMillis() / 10, 50, 1_000);
      timer.scheduleWithFixedDelay(this::sweepQuietly, period, period, TimeUnit.MILLISECONDS);
    } else {
      this.timer = null;
    }
  }

  /** Presence with its own timer thread, checking about ten times per timeout (at most once a second). */
  public static Presence start(Clock clock, Duration timeout) {
    return new Presence(clock, timeout, true);
  }

  /** Presence without a timer: tests call {@link #sweep()} themselves. */
  public static Presence manual(Clock clock, Duration timeout) {
    return new Presence(clock, timeout, false);
  }

  public Duration timeout() {
    return timeout;
  }

  /** Calls {@code listener} with the new state each time a twin goes online or offline (on the caller's thread). */
  public AutoCloseable onChange(Consumer<Connection> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** {@code source} just fed {@code twinId}. */
  public void heard(String twinId, Origin source) {
    Instant now = clock.instant();
    Entry entry = entries.computeIfAbsent(twinId, id -> new Entry(id, source, now));
    Connection changed = null;
    synchronized (entry) {
      entry.source = source;
      entry.lastHeard = now;
      if (!entry.online) {
        entry.online = true;
        entry.since = now;
        changed = entry.snapshot();
      }
    }
    if (changed != null) {
      schedule(entry, now.plus(timeout));
      publish(changed);
    }
  }

  /** {@code source} disconnected: every twin it was the last to feed goes offline now. */
  public void sourceGone(Origin source) {
    Instant now = clock.instant();
    for (Entry entry : entries.values()) {
      Connection changed = null;
      synchronized (entry) {
        if (entry.online && entry.source.equals(source)) {
          entry.online = false;
          entry.since = now;
          changed = entry.snapshot();
        }
      }
      if (changed != null) {
        publish(changed);
      }
    }
  }

  public Optional<Connection> state(String twinId) {
    Entry entry = entries.get(twinId);
    if (entry == null) {
      return Optional.empty();
    }
    synchronized (entry) {
      return Optional.of(entry.snapshot());
    }
  }

  /** Every twin with a known source, online ones first if {@code onlineOnly} is false. */
  public List<Connection> all(boolean onlineOnly) {
    List<Connection> out = new ArrayList<>();
    for (Entry entry : entries.values()) {
      synchronized (entry) {
        if (!onlineOnly || entry.online) {
          out.add(entry.snapshot());
        }
      }
    }
    out.sort(java.util.Comparator.comparing(Connection::twinId));
    return out;
  }

  public long onlineCount() {
    return entries.values().stream().filter(e -> e.online).count();
  }

  /** Takes every twin whose deadline has come offline, or re-queues it at its new deadline when heard since. */
  public void sweep() {
    Instant now = clock.instant();
    while (true) {
      Check due;
      synchronized (checks) {
        due = checks.peek();
        if (due == null || due.deadline.isAfter(now)) {
          return;
        }
        checks.poll();
      }
      Entry entry = due.entry;
      Connection changed = null;
      Instant next = null;
      synchronized (entry) {
        if (!entry.online) {
          continue; // went offline by disconnect; it is queued again when heard
        }
        Instant deadline = entry.lastHeard.plus(timeout);
        if (deadline.isAfter(now)) {
          next = deadline;
        } else {
          entry.online = false;
          entry.since = now;
          changed = entry.snapshot();
        }
      }
      if (next != null) {
        schedule(entry, next);
      } else {
        publish(changed);
      }
    }
  }

  /** Forgets a twin (it was deleted). */
  public void forget(String twinId) {
    entries.remove(twinId);
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  private void schedule(Entry entry, Instant deadline) {
    synchronized (checks) {
      checks.add(new Check(deadline, entry));
    }
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      LOG.error("presence sweep failed", e); // the timer must keep running, or twins would stay online forever
    }
  }

  private void publish(Connection change) {
    for (Consumer<Connection> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        LOG.error("presence listener failed on {}", change, e);
      }
    }
  }

  private static final class Entry {
    final String twinId;
    Origin source;
    Instant lastHeard;
    volatile boolean online;
    Instant since;

    Entry(String twinId, Origin source, Instant now) {
      this.twinId = twinId;
      this.source = source;
      this.lastHeard = now;
      this.since = now;
    }

    Connection snapshot() {
      return new Connection(twinId, source, lastHeard, online, since);
    }
  }

  private record Check(Instant deadline, Entry entry) implements Comparable<Check> {
    @Override
    public int compareTo(Check other) {
      return deadline.compareTo(other.deadline);
    }
  }
}
