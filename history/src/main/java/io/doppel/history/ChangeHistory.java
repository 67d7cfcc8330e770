package io.doppel.history;

import io.doppel.history.spi.ChangeBounds;
import io.doppel.history.spi.ChangeLog;
import io.doppel.history.spi.ChangeRecord;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The reads over the change log: a twin's change history, the graph at a past time, and the events a replay needs.
 * Each first waits until the log holds every change the engine had made when the read began, so a client reads its
 * own acknowledged writes.
 */
final class ChangeHistory {
  /** The most changes one page returns. */
  static final int MAX_ITEMS = 1000;
  private static final long CATCH_UP_WAIT_SECONDS = 30;

  private final TwinEngine engine;
  private final ChangeLog log;
  private final LongConsumer awaitLogged;
  private final Clock clock;
  private final CompletableFuture<Void> caughtUp;
  /** A version the log is known to hold every change up to; saves a writer round trip per replay page. */
  private volatile long loggedThrough;

  ChangeHistory(TwinEngine engine, ChangeLog log, LongConsumer awaitLogged, Clock clock,
      CompletableFuture<Void> caughtUp) {
    this.engine = engine;
    this.log = log;
    this.awaitLogged = awaitLogged;
    this.clock = clock;
    this.caughtUp = caughtUp;
  }

  /**
   * Changes of {@code twinId} and of its outgoing relationships with times in {@code [from, to)}, by time, at most
   * {@code maxItems} (1 to {@link #MAX_ITEMS}). A twin that does not exist and never had a logged change is
   * {@code TWIN_NOT_FOUND}; a deleted one keeps its history until retention drops it.
   */
  ChangePage page(String twinId, Instant from, Instant to, @Nullable String continuation, int maxItems) {
    if (!from.isBefore(to)) {
      throw HistoryService.invalid("to", "must be after from (" + from + "), got " + to);
    }
    if (maxItems < 1 || maxItems > MAX_ITEMS) {
      throw HistoryService.invalid("maxItems", "must be between 1 and " + MAX_ITEMS + ", got " + maxItems);
    }
    ChangeLog.TwinCursor cursor = continuation == null ? null : decode(continuation);
    ChangeBounds bounds = bounds();
    logged(engine.version());
    long start = Math.max(from.toEpochMilli(), bounds.since());
    List<ChangeRecord> rows = log.ofTwin(twinId, start, to.toEpochMilli(), cursor, maxItems + 1);
    if (rows.isEmpty() && cursor == null && log.lastOf(ChangeRecord.twinEntity(twinId), Long.MAX_VALUE).isEmpty()) {
      engine.modelOf(twinId); // TWIN_NOT_FOUND for a twin the log has never seen
    }
    if (rows.size() <= maxItems) {
      return new ChangePage(rows, null);
    }
    ChangeRecord last = rows.get(maxItems - 1);
    return new ChangePage(rows.subList(0, maxItems), encode(last));
  }

  /**
   * The graph at {@code time}: the current snapshot rolled back through the changes made after it.
   *
   * @throws DoppelException {@code HISTORY_NOT_RETAINED} before the log's bounds, {@code INVALID_ARGUMENT} for a
   *     time in the future (target {@code asOf})
   */
  GraphSnapshot snapshotAt(Instant time) {
    if (time.isAfter(clock.instant())) {
      throw HistoryService.invalid("asOf", "is in the future (" + time + "); the graph is known up to now");
    }
    ChangeBounds bounds = bounds();
    long t = time.toEpochMilli();
    if (t < bounds.since()) {
      throw new DoppelException(ErrorCode.HISTORY_NOT_RETAINED, "the change history starts at "
          + Instant.ofEpochMilli(bounds.since()) + "; the graph at " + time + " is no longer known",
          List.of(new DoppelException.Detail(ErrorCode.HISTORY_NOT_RETAINED.name(), "asOf",
              "earliest retained time is " + Instant.ofEpochMilli(bounds.since()))));
    }
    GraphSnapshot now = engine.snapshot();
    try {
      logged(now.version());
      long version = Math.min(now.version(), Math.max(log.versionAt(t), bounds.versionAtSince()));
      return Rollback.of(now, version, log);
    } catch (RuntimeException e) {
      now.close();
      throw e;
    }
  }

  List<TwinEvent> eventsAfter(long after, long upTo, int max) {
    logged(upTo);
    List<TwinEvent> out = new ArrayList<>();
    long cursor = after;
    while (out.size() < max && cursor < upTo) {
      List<ChangeRecord> page = log.after(cursor, max);
      if (page.isEmpty()) {
        break;
      }
      for (ChangeRecord c : page) {
        if (c.version() > upTo || out.size() == max) {
          return out;
        }
        cursor = c.version();
        TwinEvent event = ChangeRecords.toEvent(c);
        if (event != null) {
          out.add(event);
        }
      }
    }
    return out;
  }

  long replayableAfter() {
    return log.bounds().map(ChangeBounds::completeAfter).orElse(Long.MAX_VALUE);
  }

  private void logged(long version) {
    if (loggedThrough >= version) {
      return;
    }
    awaitLogged.accept(version);
    if (version > loggedThrough) {
      loggedThrough = version;
    }
  }

  /** The log's bounds, once the catch-up that writes them for a new log is done. */
  private ChangeBounds bounds() {
    try {
      caughtUp.get(CATCH_UP_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted");
    } catch (ExecutionException e) {
      throw unavailable("its catch-up failed (" + e.getCause() + "); it is repeated when the history next opens");
    } catch (TimeoutException e) {
      throw unavailable("it is still catching up with the engine; try again shortly");
    }
    return log.bounds().orElseThrow(() -> unavailable("it has not recorded its bounds"));
  }

  private static DoppelException unavailable(String why) {
    return new DoppelException(ErrorCode.STORAGE_FAILURE, "the change history is not available: " + why);
  }

  private static String encode(ChangeRecord c) {
    return c.time() + "." + c.version() + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(c.entity().getBytes(StandardCharsets.UTF_8));
  }

  private static ChangeLog.TwinCursor decode(String token) {
    String[] parts = token.split("\\.", 3);
    try {
      if (parts.length != 3) {
        throw new IllegalArgumentException("three parts expected");
      }
      return new ChangeLog.TwinCursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]),
          new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw HistoryService.invalid("continuationToken", "not a token this server issued: '" + token + "'");
    }
  }
}
