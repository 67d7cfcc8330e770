package io.doppel.stream;

import io.doppel.model.ModelCatalog;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.TwinEvent;
import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Brings a subscription from a cursor below the ring up to the ring (an old cursor at the start, or a reader the
 * ring evicted before it read on): reads the backlog up to the ring's floor,
 * encodes each event as the dispatcher would, and hands over at the first position after the last one sent. The
 * floor may rise while it reads (the ring evicts); it then reads on, so the hand-over never skips an event.
 */
final class BacklogReplay {
  private static final int BATCH = 256;

  /** Where the subscription goes on in the ring, and the version of the last event replayed or skipped. */
  record Handover(long position, long cursor) {}

  private final EventBacklog backlog;
  private final EventRing ring;
  private final Supplier<ModelCatalog> catalog;
  private final CloudEvents encoder = new CloudEvents();

  BacklogReplay(EventBacklog backlog, EventRing ring, Supplier<ModelCatalog> catalog) {
    this.backlog = backlog;
    this.ring = ring;
    this.catalog = catalog;
  }

  /** The backlog holds every event after {@code cursor}. */
  boolean serves(long cursor) {
    return cursor >= backlog.replayableAfter();
  }

  Handover run(long cursor, EventFilter filter, EventSink sink, BooleanSupplier ended) throws IOException {
    long at = cursor;
    while (!ended.getAsBoolean()) {
      long floor = ring.floor();
      while (at < floor && !ended.getAsBoolean()) {
        List<TwinEvent> events = backlog.read(at, floor, BATCH);
        for (TwinEvent e : events) {
          StreamEvent encoded = encoder.encode(e, catalog.get());
          // the subscriber's view only for events it may want; a view may show ids as pseudonyms: checked again
          StreamEvent seen = filter.matchesBesidesWhere(encoded) ? sink.view(encoded) : null;
          if (seen != null && filter.matchesView(seen)) {
            sink.send(seen);
          }
          at = e.version();
        }
        if (events.size() < BATCH) {
          at = floor; // nothing else below the floor: versions are not dense
        }
      }
      try {
        return new Handover(ring.positionAfter(at), at);
      } catch (DoppelException e) {
        if (e.code() != ErrorCode.CURSOR_EXPIRED) {
          throw e;
        }
        // the floor rose past us while we read: read on from the backlog
      }
    }
    return new Handover(ring.end(), at);
  }
}
