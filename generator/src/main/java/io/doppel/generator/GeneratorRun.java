package io.doppel.generator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongBinaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link Generator} into a {@link Sink}: {@link #backfill} sends the telemetry of a past interval at once
 * (so that history charts have something to show from the first minute), {@link #start} then steps once per period
 * in real time. A failed send is counted and remembered, never fatal: a server that restarts is simply fed again
 * once it is back.
 */
public final class GeneratorRun implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GeneratorRun.class);

  /** Sent and failed updates so far, the last failure and the incidents of the last hour. */
  public record Stats(long sent, long failed, @Nullable String lastError, List<Incident> incidents) {}

  private final Generator generator;
  private final Sink sink;
  private final Clock clock;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<@Nullable String> lastError = new AtomicReference<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "doppel-generator");
    t.setDaemon(true);
    return t;
  });
  private @Nullable Instant last;

  public GeneratorRun(Generator generator, Sink sink, Clock clock) {
    this.generator = generator;
    this.sink = sink;
    this.clock = clock;
  }

  /**
   * Sends the telemetry of {@code [from, to)} in steps of {@code step}, waiting until every update is answered;
   * {@code progress} gets (steps done, steps in all) after each step.
   */
  public void backfill(Instant from, Instant to, Duration step, LongBinaryOperator progress) {
    long total = Math.max(0, Duration.between(from, to).toMillis() / step.toMillis());
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    double dt = step.toMillis() / 1000.0;
    for (long i = 0; i < total; i++) {
      Instant t = from.plusMillis(i * step.toMillis());
      generator.step(t, dt, false, u -> pending.add(track(sink.send(u))));
      if (pending.size() > 10_000) {
        pending.forEach(CompletableFuture::join);
        pending.clear();
      }
      progress.applyAsLong(i + 1, total);
    }
    pending.forEach(CompletableFuture::join);
    last = to;
  }

  /** Steps every {@code period} from now on, until {@link #close}. */
  public void start(Duration period) {
    timer.scheduleAtFixedRate(this::stepNow, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One live step at the clock's time (the timer's task; tests call it directly). */
  public void stepNow() {
    try {
      Instant now = clock.instant();
      double dt = last == null ? 1 : Math.max(0.001, Duration.between(last, now).toMillis() / 1000.0);
      last = now;
      generator.step(now, dt, true, u -> track(sink.send(u)));
    } catch (RuntimeException e) {
      // The timer must keep going: a bad step is reported and the next one tries again.
      failed.incrementAndGet();
      lastError.set(String.valueOf(e.getMessage()));
      LOG.warn("generator step failed", e);
    }
  }

  public Stats stats() {
    return new Stats(sent.get(), failed.get(), lastError.get(), generator.incidents());
  }

  public Generator generator() {
    return generator;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    sink.close();
  }

  private CompletableFuture<Void> track(CompletableFuture<Void> send) {
    return send.handle((ok, failure) -> {
      if (failure == null) {
        sent.incrementAndGet();
      } else {
        failed.incrementAndGet();
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        lastError.set(String.valueOf(cause.getMessage()));
      }
      return null;
    });
  }
}
