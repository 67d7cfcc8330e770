package io.doppel.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.history.spi.ChangeBounds;
import io.doppel.history.spi.ChangeKind;
import io.doppel.history.spi.ChangeLog;
import io.doppel.history.spi.ChangeRecord;
import io.doppel.history.spi.SeriesStore;
import io.doppel.history.spi.SeriesWrite;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.Origin;
import io.doppel.twin.RelationshipView;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinView;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Closes the change log's gap after the history missed changes (a crash between the engine's commit and the
 * history's, or a log that is new): every twin and relationship whose last change falls in the gap is logged as it
 * is now ({@code *_RECOVERED}), and every one the log still believes alive but the engine no longer holds is logged
 * deleted. The graph can then be rolled back exactly to any time outside the gap; inside it, an entity shows its
 * state at the gap's end. Events inside the gap are not replayable: the log's {@code completeAfter} moves past it.
 */
final class ChangeCatchUp {
  /** Who a recovered state is attributed to. */
  static final Origin RECOVERY = new Origin("history", "catch-up");
  private static final int BATCH = 1000;

  private ChangeCatchUp() {}

  /**
   * Runs on the catch-up thread; {@code recorded} is the version the history had recorded, {@code target} the
   * engine's version when the history subscribed. Returns once every write is durable.
   */
  static void run(TwinEngine engine, SeriesWriter writer, SeriesStore store, long recorded, long target,
      Clock clock) {
    ChangeLog log = store.changes();
    Optional<ChangeBounds> bounds = log.bounds();
    long from = bounds.isEmpty() ? Long.MIN_VALUE : recorded;
    CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
    long since;
    try (GraphSnapshot snapshot = engine.snapshot(Duration.ofHours(6))) {
      Barrier.published(engine, snapshot.version()); // events up to the snapshot are queued ahead of our jobs
      since = clock.millis();
      List<ChangeRecord> found = new ArrayList<>();
      for (Iterator<String> ids = snapshot.twinIds("", null); ids.hasNext(); ) {
        String id = ids.next();
        TwinView twin = snapshot.twin(id);
        if (twin != null && twin.version() > from && twin.version() <= target) {
          found.add(recoveredTwin(twin, since));
        }
        for (RelationshipView rel : snapshot.outgoing(id, null)) {
          long version = versionOf(rel.etag());
          if (version > from && version <= target) {
            found.add(recoveredRelationship(rel, version, since));
          }
        }
        if (found.size() >= BATCH) {
          last = submit(writer, store, found, false);
          found = new ArrayList<>();
        }
      }
      if (bounds.isPresent()) {
        List<ChangeRecord> gone = new ArrayList<>();
        log.forEachLatest(c -> {
          if (!c.kind().isDelete() && c.version() <= target && !exists(snapshot, c)) {
            gone.add(deleted(c, target, since));
          }
        });
        last = submit(writer, store, gone, true);
      }
      last = submit(writer, store, found, false);
    }
    ChangeBounds next = bounds.map(b -> new ChangeBounds(Math.max(b.completeAfter(), target), b.since(),
        b.versionAtSince())).orElse(new ChangeBounds(target, target == 0 ? Long.MIN_VALUE : since, target));
    CompletableFuture<Void> marked = new CompletableFuture<>();
    writer.submit(new SeriesWriter.Job(() -> store.write(List.of(new SeriesWrite.Bounds(next))), marked));
    last.join();
    marked.join();
  }

  /**
   * Writes on the writer thread, where it is ordered with the events: a recovered state never overwrites the event
   * that got there first, and a delete is logged only if no newer change arrived meanwhile.
   */
  private static CompletableFuture<Void> submit(SeriesWriter writer, SeriesStore store, List<ChangeRecord> records,
      boolean deletes) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (records.isEmpty()) {
      done.complete(null);
      return done;
    }
    List<ChangeRecord> batch = List.copyOf(records);
    boolean queued = writer.submit(new SeriesWriter.Job(() -> {
      List<SeriesWrite> writes = new ArrayList<>();
      for (ChangeRecord c : batch) {
        Optional<ChangeRecord> latest = store.changes().lastOf(c.entity(), Long.MAX_VALUE);
        boolean stale = deletes ? latest.map(l -> l.version() >= c.version() || l.kind().isDelete()).orElse(true)
            : latest.map(l -> l.version() >= c.version()).orElse(false);
        if (!stale) {
          writes.add(new SeriesWrite.Log(c));
        }
      }
      if (!writes.isEmpty()) {
        store.write(writes);
      }
    }, done));
    if (!queued) {
      done.completeExceptionally(new IllegalStateException("the history closed during catch-up"));
    }
    return done;
  }

  private static boolean exists(GraphSnapshot snapshot, ChangeRecord c) {
    if (c.kind().isRelationship()) {
      return snapshot.outgoing(c.twinId(), null).stream().anyMatch(r -> r.id().equals(c.relationshipId()));
    }
    return snapshot.modelOf(c.twinId()) != null;
  }

  private static ChangeRecord recoveredTwin(TwinView twin, long time) {
    ObjectNode doc = twin.json().deepCopy();
    doc.remove("$etag");
    String model = doc.path("$metadata").path("$model").asText();
    return new ChangeRecord(twin.version(), time, ChangeKind.TWIN_RECOVERED, twin.id(), null, null, null, model,
        List.of(), RECOVERY, null, doc);
  }

  private static ChangeRecord recoveredRelationship(RelationshipView rel, long version, long time) {
    ObjectNode doc = rel.json().deepCopy();
    doc.remove("$etag");
    return new ChangeRecord(version, time, ChangeKind.RELATIONSHIP_RECOVERED, rel.sourceId(), rel.id(),
        rel.targetId(), rel.name(), null, List.of(), RECOVERY, null, doc);
  }

  private static ChangeRecord deleted(ChangeRecord alive, long version, long time) {
    ChangeKind kind = alive.kind().isRelationship() ? ChangeKind.RELATIONSHIP_DELETED : ChangeKind.TWIN_DELETED;
    return new ChangeRecord(version, time, kind, alive.twinId(), alive.relationshipId(), alive.targetId(),
        alive.relationshipName(), alive.model(), List.of(), RECOVERY, null, null);
  }

  /** ETags are the version of the resource's last change, {@code W/"<16 hex digits>"}, by the engine's design. */
  static long versionOf(String etag) {
    return Long.parseUnsignedLong(etag.substring(3, 19), 16);
  }
}
