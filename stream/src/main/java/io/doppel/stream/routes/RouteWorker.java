package io.doppel.stream.routes;

import io.doppel.stream.spi.OutboxEntry;
import io.doppel.stream.spi.ParkedLetter;
import io.doppel.stream.spi.RouteOutbox;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one route's outbox, oldest first, on its own virtual thread. Strictly in outbox order: a failing event
 * holds back the ones after it (retried with backoff) rather than letting a later event of the same twin overtake
 * it. An event leaves the outbox only once delivered or parked, so a restart resumes with what was not.
 */
final class RouteWorker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(RouteWorker.class);
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Route route;
  private final RouteDefinition definition;
  private final RouteOutbox outbox;
  private final Clock clock;
  private final Backoff backoff;
  private volatile boolean stopping;
  private volatile boolean waiting;
  private volatile @Nullable Thread thread;
  /** The version of the last event delivered or parked: the outbox holds only newer ones. */
  private long position;
  /** Failed attempts at the event at the head of the outbox. */
  private int attempts;

  RouteWorker(Route route, RouteOutbox outbox, Clock clock, RandomGenerator random) {
    this.route = route;
    this.definition = route.definition();
    this.outbox = outbox;
    this.clock = clock;
    RouteOptions o = definition.options();
    this.backoff = new Backoff(o.backoffBase(), o.backoffMax(), random);
  }

  void start() {
    thread = Thread.ofVirtual().name("doppel-route-" + definition.id()).start(this);
  }

  /** New events, a resume or a stop: a waiting worker looks again now. */
  void wake() {
    Thread t = thread;
    if (waiting && t != null) {
      LockSupport.unpark(t);
    }
  }

  /** Stops delivering and waits for the thread (an attempt in progress is interrupted). */
  void stop() {
    stopping = true;
    Thread t = thread;
    if (t == null) {
      return;
    }
    t.interrupt();
    try {
      if (!t.join(Duration.ofSeconds(10))) {
        LOG.warn("event route {}'s delivery did not stop within 10 s", definition.id());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void run() {
    try (Transport transport = Transport.open(definition.endpoint())) {
      while (!stopping) {
        try {
          step(transport);
        } catch (InterruptedException e) {
          if (stopping) {
            return;
          }
        } catch (RuntimeException e) {
          if (stopping) {
            return; // a client library's answer to the interrupt that stops us (Kafka's InterruptException)
          }
          // The outbox itself failed (storage), or a transport bug: report it and retry like a delivery failure.
          LOG.error("event route {}: delivery step failed", definition.id(), e);
          route.failed(String.valueOf(e));
          sleep(backoff.delay(++attempts, null));
        }
      }
    }
  }

  private void step(Transport transport) throws InterruptedException {
    if (route.paused()) {
      idle();
      return;
    }
    List<OutboxEntry> batch = outbox.read(definition.id(), position, definition.options().batchSize());
    if (batch.isEmpty()) {
      idle();
      return;
    }
    Attempt attempt = transport.deliver(batch);
    int done = attempt instanceof Attempt.Failed f ? f.delivered() : ((Attempt.Delivered) attempt).count();
    if (done > 0) {
      position = batch.get(done - 1).version();
      outbox.remove(definition.id(), position);
      route.delivered(done);
      attempts = 0;
    }
    if (!(attempt instanceof Attempt.Failed failed)) {
      return;
    }
    attempts++;
    route.failed(failed.error());
    if (!failed.retryable()) {
      for (int i = done; i < Math.min(batch.size(), done + Math.max(1, failed.rejected())); i++) {
        park(batch.get(i), failed.error());
      }
      return;
    }
    int max = definition.options().maxAttempts();
    if (max > 0 && attempts >= max) {
      park(batch.get(done), "gave up after " + attempts + " attempts; last: " + failed.error());
      return;
    }
    sleep(backoff.delay(attempts, failed.retryAfter()));
  }

  private void park(OutboxEntry entry, String reason) {
    outbox.park(definition.id(), new ParkedLetter(entry, reason, attempts, clock.instant()));
    position = entry.version();
    route.parked(1);
    attempts = 0;
    LOG.warn("event route {} parked event {} ({}): {}", definition.id(), entry.version(), entry.type(), reason);
  }

  /** Waits for new events (or a resume, or a stop); looks again at least every second. */
  private void idle() {
    waiting = true;
    try {
      boolean nothing = route.paused() || outbox.read(definition.id(), position, 1).isEmpty();
      if (nothing && !stopping) {
        LockSupport.parkNanos(this, IDLE_NANOS);
      }
    } finally {
      waiting = false;
    }
  }

  /** Backoff; ends early on a stop or a pause, and on a resume (the owner wants a try now). */
  private void sleep(Duration delay) {
    long deadline = System.nanoTime() + delay.toNanos();
    boolean wasPaused = route.paused();
    waiting = true;
    try {
      while (!stopping && route.paused() == wasPaused) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        LockSupport.parkNanos(this, left);
        if (Thread.interrupted() && stopping) {
          return;
        }
      }
    } finally {
      waiting = false;
    }
  }
}
