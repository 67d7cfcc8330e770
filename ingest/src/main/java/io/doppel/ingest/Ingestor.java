package io.doppel.ingest;

import io.doppel.ingest.spi.DeadLetter;
import io.doppel.ingest.spi.DeadLetterStore;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.Origin;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.WriteBudget;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Where every connector hands its messages: maps each one, applies its updates (property patches through the
 * engine, telemetry through the sink) and answers, once that is durable, what became of it. A message that cannot
 * be mapped, names an unknown twin or fails validation is kept as a dead letter with the reason and the raw payload;
 * only a storage failure fails the future, so that the connector does not acknowledge and the message comes again.
 */
public final class Ingestor {
  private final TwinEngine engine;
  private final TelemetrySink telemetry;
  private final DeadLetterStore deadLetters;
  private final Presence presence;
  private volatile MappingResolver mappings;
  private volatile Observer observer = Observer.NONE;
  private final Clock clock;
  private final WriteBudget budget;
  private final LongAdder applied = new LongAdder();
  private final LongAdder deadLettered = new LongAdder();

  public Ingestor(TwinEngine engine, TelemetrySink telemetry, DeadLetterStore deadLetters, Presence presence,
      MappingResolver mappings, Clock clock) {
    this(engine, telemetry, deadLetters, presence, mappings, clock, WriteBudget.unlimited());
  }

  /**
   * With the server's write budget: every message counts in it from {@link #ingest} until its outcome is durable,
   * so connectors that can pause (MQTT, Kafka) see when to stop reading.
   */
  public Ingestor(TwinEngine engine, TelemetrySink telemetry, DeadLetterStore deadLetters, Presence presence,
      MappingResolver mappings, Clock clock, WriteBudget budget) {
    this.budget = budget;
    this.engine = engine;
    this.telemetry = telemetry;
    this.deadLetters = deadLetters;
    this.presence = presence;
    this.mappings = mappings;
    this.clock = clock;
  }

  /** Replaces how messages find their mapping (stored mappings changed). */
  public void mappings(MappingResolver resolver) {
    this.mappings = resolver;
  }

  public DeadLetterStore deadLetters() {
    return deadLetters;
  }

  public Presence presence() {
    return presence;
  }

  /** Messages applied and dead-lettered since start. */
  public long appliedCount() {
    return applied.sum();
  }

  public long deadLetteredCount() {
    return deadLettered.sum();
  }

  /** The write budget every ingested message counts in until it is durable. */
  public WriteBudget budget() {
    return budget;
  }

  /**
   * Maps and applies {@code message}; see the class comment for when the future fails. The message takes a place
   * in the {@link #budget()} even when it is full (it has been read already): a connector that can, stops reading
   * while the budget is {@link WriteBudget#saturated() saturated}.
   */
  public CompletableFuture<Outcome> ingest(Message message) {
    budget.acquire(1);
    CompletableFuture<Outcome> outcome;
    try {
      outcome = ingestAdmitted(message);
    } catch (RuntimeException e) {
      budget.release(1);
      throw e;
    }
    outcome.whenComplete((o, failure) -> budget.release(1));
    return outcome;
  }

  /**
   * {@link #ingest} for a caller that already holds the message's place in the {@link #budget()} (taken with
   * {@link WriteBudget#tryAcquire}, so that it could refuse) and gives it back when the future completes.
   */
  public CompletableFuture<Outcome> ingestAdmitted(Message message) {
    Observer observer = this.observer;
    observer.received(message);
    CompletableFuture<Outcome> outcome = ingest(message, null);
    outcome.thenAccept(o -> observer.outcome(message, o));
    return outcome;
  }

  /** Told of every message handed in and of its outcome (connector meters); one at a time, the last set wins. */
  public interface Observer {
    Observer NONE = new Observer() {
      @Override
      public void received(Message message) {}

      @Override
      public void outcome(Message message, Outcome outcome) {}
    };

    void received(Message message);

    void outcome(Message message, Outcome outcome);
  }

  public void observe(Observer newObserver) {
    this.observer = newObserver;
  }

  /**
   * Ingests a dead letter's message again through the current mappings: once applied the letter is removed; when
   * it still fails the letter stays (same id) with the new reason, detail and mapping.
   */
  public CompletableFuture<Outcome> replay(DeadLetter letter) {
    Message message = new Message(letter.connector(), letter.source(), letter.topic(), letter.key(), letter.payload(),
        letter.headers(), letter.receivedAt());
    budget.acquire(1);
    CompletableFuture<Outcome> replayed;
    try {
      replayed = ingest(message, letter);
    } catch (RuntimeException e) {
      budget.release(1);
      throw e;
    }
    replayed.whenComplete((o, failure) -> budget.release(1));
    return replayed.thenApply(outcome -> {
      if (outcome.isApplied()) {
        deadLetters.remove(letter.id());
      }
      return outcome;
    });
  }

  private CompletableFuture<Outcome> ingest(Message message, @Nullable DeadLetter replaying) {
    Mapping mapping = mappings.resolve(message);
    List<TwinUpdate> updates;
    try {
      updates = mapping.map(message);
    } catch (Unmappable e) {
      return deadLetter(message, e.reason(), e.getMessage(), mapping.name(), null, replaying);
    } catch (RuntimeException bug) {
      return deadLetter(message, "MAPPING_FAILED", String.valueOf(bug), mapping.name(), null, replaying);
    }
    return apply(message, mapping, updates, replaying);
  }

  private CompletableFuture<Outcome> apply(Message message, Mapping mapping, List<TwinUpdate> updates,
      @Nullable DeadLetter replaying) {
    if (updates.isEmpty()) {
      applied.increment();
      return CompletableFuture.completedFuture(Outcome.applied(0));
    }
    Origin origin = Origin.of(message.connector(), message.source());
    @SuppressWarnings("unchecked")
    CompletableFuture<Void>[] writes = new CompletableFuture[updates.size()];
    for (int i = 0; i < writes.length; i++) {
      TwinUpdate update = updates.get(i);
      writes[i] = write(update, origin).thenRun(() -> presence.heard(update.twinId(), origin));
    }
    CompletableFuture<Void> all = writes.length == 1 ? writes[0] : CompletableFuture.allOf(writes);
    return all.handle((ok, failure) -> {
      if (failure == null) {
        applied.increment();
        return CompletableFuture.completedFuture(Outcome.applied(writes.length));
      }
      DoppelException refused = refusal(failure);
      if (refused == null || refused.code().isStorage()) {
        return CompletableFuture.<Outcome>failedFuture(failure instanceof CompletionException c && c.getCause() != null
            ? c.getCause() : failure);
      }
      String twinId = failedTwin(updates, writes);
      return deadLetter(message, refused.code().name(), refused.getMessage(), mapping.name(), twinId, replaying);
    }).thenCompose(f -> f);
  }

  private CompletableFuture<Void> write(TwinUpdate update, Origin origin) {
    try {
      return switch (update) {
        case TwinUpdate.Telemetry t -> telemetry.record(t.twinId(), t.component(), t.values(), t.sourceTime());
        case TwinUpdate.Patch p -> engine.submitPatch(p.twinId(), p.patch(), Precondition.none(), origin)
            .thenApply(result -> null);
      };
    } catch (DoppelException refusedEarly) {
      return CompletableFuture.failedFuture(refusedEarly);
    }
  }

  private CompletableFuture<Outcome> deadLetter(Message message, String reason, String detail,
      @Nullable String mapping, @Nullable String twinId, @Nullable DeadLetter replaying) {
    DeadLetter letter = new DeadLetter(0, clock.instant(), message.connector(), message.source(), message.topic(),
        message.key(), message.payload(), message.headers(), message.receivedAt(), reason, detail, mapping, twinId);
    if (replaying != null) {
      DeadLetter kept = letter.withId(replaying.id());
      return deadLetters.replace(kept).thenApply(ignored -> Outcome.deadLettered(kept));
    }
    return deadLetters.add(letter).thenApply(stored -> {
      deadLettered.increment();
      return Outcome.deadLettered(stored);
    });
  }

  private static @Nullable DoppelException refusal(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof DoppelException d ? d : null;
  }

  private static @Nullable String failedTwin(List<TwinUpdate> updates, CompletableFuture<Void>[] writes) {
    for (int i = 0; i < writes.length; i++) {
      if (writes[i].isCompletedExceptionally()) {
        return updates.get(i).twinId();
      }
    }
    return null;
  }
}
