package io.doppel.twin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.model.ModelCatalog;
import io.doppel.twin.patch.JsonPatch;
import io.doppel.twin.Continuations.Listing;
import io.doppel.twin.spi.TwinStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The twin engine: models, twins and relationships with Azure Digital Twins semantics, every change durable before
 * it is acknowledged. Thread-safe: reads see committed state; writes are validated on the caller's thread and
 * committed in groups by one sequencer thread (see {@link Sequencer}). Closing the engine closes its store.
 */
public final class TwinEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TwinEngine.class);
  private static final int MAX_PAGE = 10_000;

  private final Graph graph = new Graph();
  private final TwinStore store;
  private final Clock clock;
  private final List<Consumer<TwinEvent>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<List<TwinEvent>>> batchListeners = new CopyOnWriteArrayList<>();
  private final Sequencer sequencer;
  private final Thread sequencerThread;
  /** Per-twin ordering of preparation and queueing; a power of two, hashed by twin id. */
  private final ReentrantLock[] stripes = new ReentrantLock[256];

  private TwinEngine(TwinStore store, Clock clock, Duration commitDelay) {
    this.store = store;
    this.clock = clock;
    try {
      Loader.load(store, graph);
    } catch (RuntimeException e) {
      // The engine owns the store from here on: do not leak an open database when loading fails.
      store.close();
      throw e;
    }
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
    this.sequencer = new Sequencer(graph, store, clock, this::publish, commitDelay);
    this.sequencerThread = Thread.ofPlatform().name("doppel-sequencer").daemon(true).start(sequencer);
  }

  /** Opens an engine on {@code store}, loading its models, twins, relationships and version. */
  public static TwinEngine open(TwinStore store) {
    return new TwinEngine(store, Clock.systemUTC(), Duration.ZERO);
  }

  /** Same as {@link #open(TwinStore)} with a clock for the metadata times (simulations, tests). */
  public static TwinEngine open(TwinStore store, Clock clock) {
    return new TwinEngine(store, clock, Duration.ZERO);
  }

  /**
   * {@link #open(TwinStore, Clock)} whose writer waits {@code commitDelay} after each durable commit before it takes
   * the next batch (PostgreSQL's {@code commit_delay}): fewer, larger commits on a disk whose syncs are expensive, at
   * the price of that much latency per write. It also caps the write rate at the batch size per delay, which is
   * how a slow disk looks from above (the overload tests use it).
   */
  public static TwinEngine open(TwinStore store, Clock clock, Duration commitDelay) {
    if (commitDelay.isNegative()) {
      throw new IllegalArgumentException("the commit delay must not be negative, was " + commitDelay);
    }
    return new TwinEngine(store, clock, commitDelay);
  }

  /** An engine on a fresh non-durable store: for tests and simulations. */
  public static TwinEngine inMemory() {
    return open(TwinStore.inMemory());
  }

  // ---- models

  /** Uploads a batch of DTDL documents, whole or not at all. */
  @SuppressWarnings("unchecked")
  public List<ModelRecord> addModels(List<String> jsonDocuments) {
    return (List<ModelRecord>) write(new ModelOps.Add(jsonDocuments, graph.models()));
  }

  public ModelRecord getModel(Dtmi id) {
    ModelRecord record = graph.models().record(id);
    if (record == null) {
      throw new DoppelException(ErrorCode.MODEL_NOT_FOUND, "model " + id + " does not exist");
    }
    return record;
  }

  /** Every uploaded model, ordered by id. */
  public List<ModelRecord> listModels() {
    return List.copyOf(graph.models().records().values());
  }

  public void decommissionModel(Dtmi id) {
    write(new ModelOps.Decommission(id));
  }

  /** Deletes a model; refused with MODEL_IN_USE while other models refer to it. Twins of it may remain (ADT). */
  public void deleteModel(Dtmi id) {
    write(new ModelOps.Delete(id));
  }

  public ModelCatalog catalog() {
    return graph.models().catalog();
  }

  // ---- twins

  public TwinView getTwin(String id) {
    TwinState twin = graph.twin(Ids.check("twin id", id));
    if (twin == null) {
      throw new DoppelException(ErrorCode.TWIN_NOT_FOUND, TwinOps.describe(id) + " does not exist");
    }
    return view(twin);
  }

  /**
   * The model of twin {@code id}, without materialising its JSON: telemetry ingest checks every message against it.
   * Throws {@code TWIN_NOT_FOUND}.
   */
  public Dtmi modelOf(String id) {
    TwinState twin = graph.twin(Ids.check("twin id", id));
    if (twin == null) {
      throw new DoppelException(ErrorCode.TWIN_NOT_FOUND, TwinOps.describe(id) + " does not exist");
    }
    return twin.model();
  }

  /** Creates or replaces a twin; with {@code ifNoneMatchAny} it only creates. */
  public TwinView putTwin(String id, ObjectNode body, Precondition pre) {
    return (TwinView) write(new TwinOps.Put(Ids.check("twin id", id), body.deepCopy(), pre));
  }

  /** Applies an RFC 6902 patch to a twin; the result is validated as a whole and a failing patch changes nothing. */
  public TwinView patchTwin(String id, ArrayNode jsonPatch, Precondition pre) {
    return (TwinView) write(twinPatch(id, jsonPatch, pre, true));
  }

  /**
   * {@link #putTwin} without waiting: the body is validated on the calling thread, then the returned future
   * completes, on the engine's thread, once the twin is durable. Refusals complete it exceptionally with a
   * {@link DoppelException}. Dependent stages run on the engine's writer: keep them short or use an async stage.
   */
  public CompletableFuture<TwinView> putTwinAsync(String id, ObjectNode body, Precondition pre) {
    return putTwinAsync(id, body, pre, Origin.API);
  }

  /** {@link #putTwinAsync(String, ObjectNode, Precondition)} on behalf of {@code origin}. */
  public CompletableFuture<TwinView> putTwinAsync(String id, ObjectNode body, Precondition pre, Origin origin) {
    try {
      return typed(writeAsync(new TwinOps.Put(Ids.check("twin id", id), body.deepCopy(), pre), origin));
    } catch (DoppelException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * {@link #patchTwin} without waiting, so one caller can keep many writes in flight (group commit then batches
   * them): the patch is parsed and prepared on the calling thread, and the future completes once it is durable, or
   * exceptionally with a {@link DoppelException}. Dependent stages run on the engine's writer: keep them short.
   */
  public CompletableFuture<TwinView> patchTwinAsync(String id, ArrayNode jsonPatch, Precondition pre) {
    return patchTwinAsync(id, jsonPatch, pre, Origin.API);
  }

  /** {@link #patchTwinAsync(String, ArrayNode, Precondition)} on behalf of {@code origin}. */
  public CompletableFuture<TwinView> patchTwinAsync(String id, ArrayNode jsonPatch, Precondition pre, Origin origin) {
    try {
      return typed(writeAsync(twinPatch(id, jsonPatch, pre, true), origin));
    } catch (DoppelException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * {@link #patchTwinAsync} for callers that need only the new ETag, not the document: an HTTP PATCH (204 with an
   * ETag, as in Azure Digital Twins) and ingestion. Skipping the copy of the twin made for the reply is the
   * cheapest durable write the engine offers.
   */
  public CompletableFuture<WriteResult> submitPatch(String id, ArrayNode jsonPatch, Precondition pre) {
    return submitPatch(id, jsonPatch, pre, Origin.API);
  }

  /** {@link #submitPatch(String, ArrayNode, Precondition)} on behalf of {@code origin} (a device, connector, rule). */
  public CompletableFuture<WriteResult> submitPatch(String id, ArrayNode jsonPatch, Precondition pre, Origin origin) {
    try {
      return typed(writeAsync(twinPatch(id, jsonPatch, pre, false), origin));
    } catch (DoppelException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * The sequencer's reply future itself, typed by the op that made it (a twin put or patch answers a
   * {@link TwinView}, a patch without document a {@link WriteResult}): a {@code thenApply(cast)} stage would cost
   * every write an extra future, completed on the sequencer thread.
   */
  @SuppressWarnings("unchecked")
  private static <T> CompletableFuture<T> typed(CompletableFuture<Object> reply) {
    return (CompletableFuture<T>) (CompletableFuture<?>) reply;
  }

  private static TwinOps.Patch twinPatch(String id, ArrayNode jsonPatch, Precondition pre, boolean document) {
    JsonPatch patch = JsonPatch.parse(jsonPatch);
    TwinOps.checkTwinPatch(patch);
    return new TwinOps.Patch(Ids.check("twin id", id), patch, pre, null, document);
  }

  public void deleteTwin(String id, Precondition pre) {
    write(new DeleteTwinOp(Ids.check("twin id", id), pre));
  }

  /** The component's JSON with its {@code $metadata}. */
  public ObjectNode getComponent(String id, String componentName) {
    TwinState twin = graph.twin(Ids.check("twin id", id));
    if (twin == null) {
      throw new DoppelException(ErrorCode.TWIN_NOT_FOUND, TwinOps.describe(id) + " does not exist");
    }
    ObjectNode doc = TwinCodec.decode(twin.document());
    TwinOps.requireComponent(id, componentName, doc, graph.models());
    return (ObjectNode) doc.get(componentName);
  }

  /** Patches a component; paths are relative to the component (e.g. {@code /temperature}). */
  public TwinView patchComponent(String id, String componentName, ArrayNode jsonPatch, Precondition pre) {
    JsonPatch patch = JsonPatch.parse(jsonPatch).under(componentName);
    TwinOps.checkTwinPatch(patch);
    return (TwinView) write(new TwinOps.Patch(Ids.check("twin id", id), patch, pre, componentName, true));
  }

  /** Twins ordered by id, a page at a time. */
  public Page<TwinView> listTwins(@Nullable String continuation, int pageSize) {
    String after = Continuations.decode(Listing.TWINS, continuation);
    java.util.NavigableSet<String> tail = after == null ? graph.ids() : graph.ids().tailSet(after, false);
    List<TwinView> items = new ArrayList<>();
    int size = pageSize(pageSize);
    for (String id : tail) {
      TwinState twin = graph.twin(id);
      if (twin == null) {
        continue; // deleted while we page: skip it, as a later page would
      }
      if (items.size() == size) {
        return new Page<>(items, Continuations.encode(Listing.TWINS, items.get(items.size() - 1).id()));
      }
      items.add(view(twin));
    }
    return new Page<>(items, null);
  }

  // ---- relationships

  public RelationshipView putRelationship(String sourceId, String relationshipId, ObjectNode body, Precondition pre) {
    return ((RelState) write(new RelationshipOps.Put(Ids.check("twin id", sourceId),
        Ids.check("relationship id", relationshipId), body.deepCopy(), pre))).view();
  }

  public RelationshipView getRelationship(String sourceId, String relationshipId) {
    Ids.check("twin id", sourceId);
    Ids.check("relationship id", relationshipId);
    RelState rel = graph.relationship(sourceId, relationshipId);
    if (rel == null) {
      if (graph.twin(sourceId) == null) {
        throw new DoppelException(ErrorCode.TWIN_NOT_FOUND, TwinOps.describe(sourceId) + " does not exist");
      }
      throw new DoppelException(ErrorCode.RELATIONSHIP_NOT_FOUND,
          RelationshipOps.describe(sourceId, relationshipId) + " does not exist");
    }
    return rel.view();
  }

  public RelationshipView patchRelationship(
      String sourceId, String relationshipId, ArrayNode jsonPatch, Precondition pre) {
    JsonPatch patch = JsonPatch.parse(jsonPatch);
    RelationshipOps.checkPatch(patch);
    return ((RelState) write(new RelationshipOps.Patch(Ids.check("twin id", sourceId),
        Ids.check("relationship id", relationshipId), patch, pre))).view();
  }

  public void deleteRelationship(String sourceId, String relationshipId, Precondition pre) {
    write(new RelationshipOps.Delete(Ids.check("twin id", sourceId), Ids.check("relationship id", relationshipId),
        pre));
  }

  /** A twin's outgoing relationships ordered by id, optionally only those named {@code relationshipName}. */
  public Page<RelationshipView> listRelationships(
      String sourceId, @Nullable String relationshipName, @Nullable String continuation, int pageSize) {
    requireTwin(sourceId);
    String after = Continuations.decode(Listing.RELATIONSHIPS, continuation);
    NavigableMap<String, RelState> all = graph.outgoingMap(sourceId);
    NavigableMap<String, RelState> tail = after == null ? all : all.tailMap(after, false);
    List<RelationshipView> items = new ArrayList<>();
    int size = pageSize(pageSize);
    for (RelState rel : tail.values()) {
      if (relationshipName != null && !rel.name().equals(relationshipName)) {
        continue;
      }
      if (items.size() == size) {
        return new Page<>(items, Continuations.encode(Listing.RELATIONSHIPS, items.get(items.size() - 1).id()));
      }
      items.add(rel.view());
    }
    return new Page<>(items, null);
  }

  public Page<IncomingRelationship> listIncomingRelationships(
      String targetId, @Nullable String continuation, int pageSize) {
    requireTwin(targetId);
    String after = Continuations.decode(Listing.INCOMING, continuation);
    NavigableMap<String, RelState> all = graph.incomingMap(targetId);
    NavigableMap<String, RelState> tail = after == null ? all : all.tailMap(after, false);
    List<IncomingRelationship> items = new ArrayList<>();
    int size = pageSize(pageSize);
    String last = null;
    for (Map.Entry<String, RelState> e : tail.entrySet()) {
      if (items.size() == size) {
        return new Page<>(items, Continuations.encode(Listing.INCOMING, java.util.Objects.requireNonNull(last)));
      }
      RelState rel = e.getValue();
      items.add(new IncomingRelationship(rel.id(), rel.sourceId(), rel.name(),
          "/digitaltwins/" + Links.segment(rel.sourceId()) + "/relationships/" + Links.segment(rel.id())));
      last = e.getKey();
    }
    return new Page<>(items, null);
  }

  // ---- changes

  /** Registers a listener called on the sequencer thread, in version order, once each change is durable. */
  public AutoCloseable subscribe(Consumer<TwinEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Registers a listener called once per durable batch with its events (in version order), on the sequencer
   * thread, after the event listeners and before the batch's writes are answered: for a listener that must make
   * something durable per change and would rather pay one write per batch than one per event.
   */
  public AutoCloseable subscribeBatches(Consumer<List<TwinEvent>> listener) {
    batchListeners.add(listener);
    return () -> batchListeners.remove(listener);
  }

  /** The version of the last durable change. */
  public long version() {
    return graph.version();
  }

  /** The version of the last durable change that added or removed a twin or a relationship. */
  public long linksVersion() {
    return graph.linksVersion();
  }

  /**
   * The version up to which every change's event has been handed to the listeners. It trails {@link #version()} by
   * at most the batch being published: a reader that needs the events of everything a snapshot shows (the change
   * history does) waits until this reaches the snapshot's version.
   */
  public long publishedVersion() {
    return sequencer.published();
  }

  /** Where durable writes' time went in the engine since it opened, stage by stage (see {@link CommitStages}). */
  public CommitStages commitStages() {
    return sequencer.stages();
  }

  public long twinCount() {
    return graph.twinCount();
  }

  // ---- snapshots and indexes

  /** How long a snapshot may stay open by default before the engine closes it (a leaked one must not pin memory). */
  public static final Duration DEFAULT_SNAPSHOT_MAX_AGE = Duration.ofMinutes(10);

  /**
   * A consistent view of the graph at the current committed version; writes go on and it sees none of them. Close
   * it when done: while snapshots are open, the engine keeps the states they need. Expires after
   * {@link #DEFAULT_SNAPSHOT_MAX_AGE}.
   */
  public GraphSnapshot snapshot() {
    return snapshot(DEFAULT_SNAPSHOT_MAX_AGE);
  }

  /** {@link #snapshot()} that expires {@code maxAge} after it opens: reads then fail with {@code SNAPSHOT_EXPIRED}. */
  public GraphSnapshot snapshot(Duration maxAge) {
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new DoppelException(ErrorCode.INVALID_ARGUMENT, "a snapshot's maximum age must be positive, was " + maxAge);
    }
    return graph.snapshot(clock, maxAge);
  }

  /**
   * Creates a property index on {@code path} ({@code property} or {@code component.property}) and returns once it
   * is usable by snapshots opened from then on. The definition is durable; the contents are built from the twins
   * while writes go on, and rebuilt when the engine opens. Creating an existing index only waits for it.
   */
  public void createIndex(String path) {
    PropertyIndex index = (PropertyIndex) write(new IndexOp(IndexPath.parse(path), true));
    if (index.claimBuild() && index.state() == PropertyIndex.State.BUILDING) {
      graph.build(index);
    }
    try {
      index.ready().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof DoppelException d) {
        throw new DoppelException(d.code(), d.getMessage(), d.details());
      }
      throw e;
    }
  }

  /** Drops the index on {@code path}; false when there was none. Open snapshots holding it refuse to read it. */
  public boolean dropIndex(String path) {
    return (Boolean) write(new IndexOp(IndexPath.parse(path), false));
  }

  /** Undo entries kept for open snapshots; package-private, for tests. */
  int undoEntries() {
    return graph.snapshots().undoEntries();
  }

  /** Caps the undo entries kept for snapshots (past it the oldest expire); package-private, for tests. */
  void maxUndoEntries(int max) {
    graph.snapshots().maxUndoEntries(max);
  }

  /** Snapshots open (not closed, not expired); package-private, for tests. */
  int openSnapshots() {
    return graph.snapshots().openCount();
  }

  /** The paths of the defined property indexes, ordered. */
  public java.util.SortedSet<String> indexes() {
    return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(graph.indexes().keySet()));
  }

  /** Write-path counters (commits, batch sizes, queue depth) for metrics; cheap enough to poll. */
  public EngineStats stats() {
    return sequencer.stats();
  }

  /** Stops accepting writes, finishes those already queued, and closes the store. */
  @Override
  public void close() {
    sequencer.stop();
    try {
      sequencerThread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }

  private void publish(List<TwinEvent> events) {
    for (TwinEvent event : events) {
      for (Consumer<TwinEvent> listener : listeners) {
        try {
          listener.accept(event);
        } catch (RuntimeException e) {
          // One failing listener must not stop the others nor the engine; it is its owner's bug to fix.
          LOG.error("event listener failed on {}", event, e);
        }
      }
    }
    if (batchListeners.isEmpty()) {
      return;
    }
    List<TwinEvent> batch = List.copyOf(events);
    for (Consumer<List<TwinEvent>> listener : batchListeners) {
      try {
        listener.accept(batch);
      } catch (RuntimeException e) {
        LOG.error("batch listener failed on {} events up to version {}", batch.size(),
            batch.get(batch.size() - 1).version(), e);
      }
    }
  }

  /**
   * Prepares a twin write on this thread (refusals are thrown here) and queues it for the sequencer; other writes
   * are prepared by the sequencer. The twin's stripe lock spans preparing and queueing, so that each write to a twin
   * is prepared against the one queued before it.
   */
  private CompletableFuture<Object> writeAsync(Op op, Origin origin) {
    // Before the stripe lock: a caller waiting for room in the sequencer's queue must not hold up other twins.
    boolean admitted = sequencer.admit();
    try {
      if (!(op instanceof Op.TwinOp twinOp)) {
        return sequencer.submit(op, null, origin, admitted);
      }
      ReentrantLock lock = stripes[twinOp.twinId().hashCode() & (stripes.length - 1)];
      lock.lock();
      try {
        Prepared.Value prepared;
        try {
          prepared = Prepared.onCaller(twinOp, graph, clock.instant());
        } catch (DoppelException refused) {
          sequencer.refusedEarly();
          throw refused;
        }
        return sequencer.submit(op, prepared, origin, admitted);
      } finally {
        lock.unlock();
      }
    } catch (RuntimeException notSubmitted) {
      sequencer.unadmit(admitted);
      throw notSubmitted;
    }
  }

  private Object write(Op op) {
    CompletableFuture<Object> reply = writeAsync(op, Origin.API);
    try {
      return reply.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        // Re-thrown on the caller's thread: a fresh exception keeps the caller's stack for diagnosis.
        if (cause instanceof DoppelException d) {
          throw new DoppelException(d.code(), d.getMessage(), d.details());
        }
        throw cause;
      }
      throw e;
    }
  }

  private void requireTwin(String id) {
    if (graph.twin(Ids.check("twin id", id)) == null) {
      throw new DoppelException(ErrorCode.TWIN_NOT_FOUND, TwinOps.describe(id) + " does not exist");
    }
  }

  private static int pageSize(int requested) {
    if (requested < 1) {
      throw new DoppelException(ErrorCode.INVALID_ARGUMENT, "page size must be at least 1, was " + requested);
    }
    return Math.min(requested, MAX_PAGE);
  }

  private static TwinView view(TwinState twin) {
    ObjectNode json = twin.json();
    return new TwinView(twin.id(), Etags.of(twin.version()), twin.version(), json);
  }
}
