package io.doppel.stream.routes;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One route while the server runs: its definition, whether it is paused, and the counters its status is made of.
 * The intake (engine's writer thread) counts what it kept or dropped; the route's worker counts the rest.
 */
final class Route {
  private static final Logger LOG = LoggerFactory.getLogger(Route.class);

  private final Clock clock;
  private final RateWindow rate = new RateWindow();
  final AtomicLong pending;
  final AtomicLong parked;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private volatile RouteDefinition definition;
  private volatile boolean paused;
  private volatile boolean overflowLogged;
  private volatile int consecutiveFailures;
  private volatile @Nullable String lastError;
  private volatile @Nullable Instant lastErrorTime;
  private volatile @Nullable Instant lastDeliveryTime;
  private volatile @Nullable RouteWorker worker;

  Route(RouteDefinition definition, boolean paused, long pending, long parked, Clock clock) {
    this.definition = definition;
    this.paused = paused;
    this.pending = new AtomicLong(pending);
    this.parked = new AtomicLong(parked);
    this.clock = clock;
  }

  RouteDefinition definition() {
    return definition;
  }

  void definition(RouteDefinition changed) {
    definition = changed;
  }

  boolean paused() {
    return paused;
  }

  void paused(boolean value) {
    paused = value;
    RouteWorker w = worker;
    if (w != null) {
      w.wake();
    }
  }

  @Nullable RouteWorker worker() {
    return worker;
  }

  void worker(@Nullable RouteWorker w) {
    worker = w;
  }

  /**
   * Whether the outbox has room for one more event beside {@code inBatch} already admitted from the same batch;
   * counts the event as dropped when not.
   */
  boolean admit(long version, int inBatch) {
    if (pending.get() + inBatch < definition.options().maxOutbox()) {
      overflowLogged = false;
      return true;
    }
    dropped.incrementAndGet();
    if (!overflowLogged) {
      overflowLogged = true;
      LOG.warn("event route {} is overflowing: {} events wait, the most it keeps; events from version {} on are "
          + "not kept until it catches up", definition.id(), pending.get(), version);
    }
    return false;
  }

  void kept(int count) {
    pending.addAndGet(count);
    RouteWorker w = worker;
    if (w != null) {
      w.wake();
    }
  }

  /** The outbox refused the write: the event is lost to this route, and its status says so. */
  void lostToStorage(String error, int count) {
    dropped.addAndGet(count);
    lastError = "outbox write failed: " + error;
    lastErrorTime = clock.instant();
  }

  void delivered(int count) {
    Instant now = clock.instant();
    pending.addAndGet(-count);
    delivered.addAndGet(count);
    rate.add(count, now.toEpochMilli());
    lastDeliveryTime = now;
    if (consecutiveFailures >= definition.options().failingAfter()) {
      LOG.info("event route {} delivers again after {} failed attempts", definition.id(), consecutiveFailures);
    }
    consecutiveFailures = 0;
  }

  void parked(int count) {
    pending.addAndGet(-count);
    parked.addAndGet(count);
  }

  void failed(String error) {
    lastError = error;
    lastErrorTime = clock.instant();
    int n = ++consecutiveFailures; // only the route's worker writes it
    if (n == definition.options().failingAfter()) {
      LOG.warn("event route {} is failing: {} attempts in a row failed, {} events wait; last error: {}",
          definition.id(), n, pending.get(), error);
    }
  }

  RouteStatus status() {
    RouteOptions o = definition.options();
    int failures = consecutiveFailures;
    long lag = Math.max(0, pending.get());
    RouteState state = paused ? RouteState.PAUSED
        : lag >= o.maxOutbox() ? RouteState.OVERFLOWING
        : failures >= o.failingAfter() ? RouteState.FAILING
        : failures > 0 ? RouteState.RETRYING
        : RouteState.HEALTHY;
    return new RouteStatus(state, delivered.get(), rate.perSecond(clock.millis()), lag, parked.get(), dropped.get(),
        failures, lastError, lastErrorTime, lastDeliveryTime);
  }
}
