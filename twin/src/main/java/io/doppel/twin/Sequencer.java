package io.doppel.twin;

import io.doppel.twin.spi.Mutation;
import io.doppel.twin.spi.StoredModel;
import io.doppel.twin.spi.StoredRelationship;
import io.doppel.twin.spi.StoredTwin;
import io.doppel.twin.spi.TwinStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer. Takes everything queued as one batch, re-checks each request against the batch's view, gives
 * versions, commits the batch to the store with one durable write (group commit), applies it to the graph,
 * publishes events in version order, and only then answers the callers. While it waits for the store, callers keep
 * preparing and queueing, so the next batch is as large as the load that arrived during the last commit.
 */
final class Sequencer implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
  private static final int MAX_BATCH = 16_384;
  /**
   * Writes admitted but not yet answered, at most. Callers past it wait for room: without a bound, a caller that
   * submits faster than the store commits (an open-loop ingest, a flood of HTTP requests) grows the queue, each entry
   * holding its prepared document, until the heap is gone.
   */
  static final int MAX_IN_FLIGHT = 32_768;

  /**
   * A queued write; {@code prepared} is absent when the caller could not prepare it; {@code admitted} when it holds
   * one of the {@link #MAX_IN_FLIGHT} places, given back once it is answered; {@code queuedAt} its
   * {@link System#nanoTime()} when queued.
   */
  record Request(Op op, Prepared.@Nullable Value prepared, Origin origin, CompletableFuture<Object> reply,
      boolean admitted, long queuedAt) {}

  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final java.util.concurrent.Semaphore places = new java.util.concurrent.Semaphore(MAX_IN_FLIGHT);
  private volatile @Nullable Thread thread;
  private final Graph graph;
  private final TwinStore store;
  private final Clock clock;
  private final Consumer<List<TwinEvent>> publisher;
  private volatile boolean running = true;
  // Written by the sequencer thread only, read by stats() on any thread.
  private volatile long commits;
  private volatile long committedChanges;
  private volatile long refused;
  /** Refusals decided while preparing on callers' threads, which never reach the queue. */
  private final java.util.concurrent.atomic.LongAdder refusedEarly = new java.util.concurrent.atomic.LongAdder();
  private volatile long reprepared;
  private volatile int lastBatchSize;
  /** Every event up to this version has been handed to the listeners (sequencer thread writes). */
  private volatile long published;
  private final CommitStages stages = new CommitStages();

  /** How long to wait after each durable commit before taking the next batch (see {@link TwinEngine#open}). */
  private final long commitDelayNanos;

  Sequencer(Graph graph, TwinStore store, Clock clock, Consumer<List<TwinEvent>> publisher,
      java.time.Duration commitDelay) {
    this.commitDelayNanos = commitDelay.toNanos();
    this.graph = graph;
    this.store = store;
    this.clock = clock;
    this.publisher = publisher;
    this.published = graph.version();
  }

  /** The version up to which every event has been published; a snapshot at or below it has all its events out. */
  long published() {
    return published;
  }

  /** Where the committed writes' time went, since the engine opened. */
  CommitStages stages() {
    return stages;
  }

  /**
   * Takes a place for one write, waiting while {@link #MAX_IN_FLIGHT} writes are unanswered; {@code false} (no place
   * taken, none needed) on the sequencer's own thread, which must never wait for itself — an event listener that
   * writes back into the engine runs there.
   */
  boolean admit() {
    if (Thread.currentThread() == thread) {
      return false;
    }
    places.acquireUninterruptibly();
    return true;
  }

  /** Gives back a place taken by {@link #admit} for a write that was not submitted after all. */
  void unadmit(boolean admitted) {
    if (admitted) {
      places.release();
    }
  }

  /** Writes admitted and not yet answered (for stats and tests). */
  int inFlight() {
    return MAX_IN_FLIGHT - places.availablePermits();
  }

  CompletableFuture<Object> submit(Op op, Prepared.@Nullable Value prepared, Origin origin, boolean admitted) {
    CompletableFuture<Object> reply = new CompletableFuture<>();
    if (!running) {
      unadmit(admitted);
      reply.completeExceptionally(closed());
      return reply;
    }
    queue.add(new Request(op, prepared, origin, reply, admitted, System.nanoTime()));
    if (!running) {
      // close() may have drained the queue before our add: make sure nobody waits forever.
      failQueued();
    }
    return reply;
  }

  EngineStats stats() {
    long c = commits;
    long changes = committedChanges;
    return new EngineStats(c, changes, refused + refusedEarly.sum(), lastBatchSize, c == 0 ? 0 : (double) changes / c, queue.size(),
        reprepared);
  }

  /** Counts a write refused while its caller prepared it. */
  void refusedEarly() {
    refusedEarly.increment();
  }

  void stop() {
    running = false;
    Thread writer = thread;
    if (writer != null) {
      java.util.concurrent.locks.LockSupport.unpark(writer); // out of a commit delay
    }
    queue.add(new Request(new Op.GraphOp() {
      @Override
      public Change prepare(StateView state, Instant now) {
        throw closed();
      }
    }, null, Origin.API, new CompletableFuture<>(), false, System.nanoTime()));
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    List<Request> batch = new ArrayList<>();
    try {
      while (running || !queue.isEmpty()) {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
        lastBatchSize = batch.size();
        long taken = System.nanoTime();
        for (Request r : batch) {
          stages.waiting().record(taken - r.queuedAt());
        }
        try {
          process(batch, taken);
        } catch (RuntimeException e) {
          // A bug while applying: fail this batch's callers loudly but keep the engine serving the next ones.
          LOG.error("the sequencer failed on a batch of {} requests", batch.size(), e);
          settle(batch);
          for (Request r : batch) {
            r.reply().completeExceptionally(e);
            unadmit(r.admitted());
          }
        }
        batch.clear();
        delayAfterCommit();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      failQueued();
    }
  }

  /** Waits the commit delay, or less when the engine closes meanwhile (stop() wakes this thread). */
  private void delayAfterCommit() {
    long deadline = System.nanoTime() + commitDelayNanos;
    long left = commitDelayNanos;
    while (left > 0 && running) {
      java.util.concurrent.locks.LockSupport.parkNanos(left);
      left = deadline - System.nanoTime();
    }
  }

  /** Committed or failed, these writes no longer decide what new writes are prepared against. */
  private void settle(List<Request> batch) {
    for (Request r : batch) {
      Prepared.Value prepared = r.prepared();
      if (prepared != null && prepared.queued() != null) {
        graph.settled(prepared.queued());
      }
    }
  }

  private void failQueued() {
    Request r;
    while ((r = queue.poll()) != null) {
      r.reply().completeExceptionally(closed());
      unadmit(r.admitted());
    }
  }

  private static DoppelException closed() {
    return new DoppelException(ErrorCode.STORAGE_FAILURE, "the twin engine is closed");
  }

  private void process(List<Request> batch, long taken) {
    Tx tx = new Tx(graph, batch.size());
    IndexOp.Batch indexOps = new IndexOp.Batch(graph);
    long version = graph.version();
    List<Mutation> mutations = new ArrayList<>(batch.size());
    List<TwinEvent> events = new ArrayList<>(batch.size());
    Object[] replies = new Object[batch.size()];
    // One clock read per batch: only the sequencer's own (re-)preparations use it.
    Instant now = clock.instant();
    int failed = 0;
    long told = -1; // when the listeners were told of a durable batch; -1 while (or if) none is
    for (int i = 0; i < batch.size(); i++) {
      Request r = batch.get(i);
      try {
        if (r.op() instanceof IndexOp indexOp) {
          replies[i] = indexOps.add(indexOp, mutations);
          version++;
          continue;
        }
        Change change = change(r, tx, now);
        version++;
        replies[i] = Applier.apply(change, version, r.origin(), tx, mutations, events);
      } catch (RuntimeException e) {
        // DoppelException is the expected refusal; anything else is a bug reported to that caller alone.
        replies[i] = e;
        failed++;
      }
    }
    if (!mutations.isEmpty()) {
      int written = batch.size() - failed;
      long toStore = System.nanoTime();
      stages.preparing().record(toStore - taken, written);
      try {
        store.commit(version, mutations);
      } catch (RuntimeException e) {
        if (e instanceof DoppelException d && d.code() == ErrorCode.INSUFFICIENT_STORAGE) {
          // expected while the disk is full or below its reserve: one line per refused batch, not a stack trace
          LOG.warn("commit of {} changes up to version {} refused: {}", mutations.size(), version, d.getMessage());
        } else {
          LOG.error("commit of {} changes up to version {} failed; nothing applied", mutations.size(), version, e);
        }
        DoppelException failure = e instanceof DoppelException d && d.code().isStorage()
            ? d : new DoppelException(ErrorCode.STORAGE_FAILURE, "the change could not be made durable: " + e);
        for (int i = 0; i < replies.length; i++) {
          if (!(replies[i] instanceof RuntimeException)) {
            replies[i] = failure;
          }
        }
        refused += replies.length;
        settle(batch);
        answer(batch, replies, -1);
        return;
      }
      long durable = System.nanoTime();
      stages.syncing().record(durable - toStore, written);
      // Under the snapshot lock: a snapshot opens before or after the whole batch, and sees the version it applied.
      graph.apply(version, () -> {
        tx.applyTo(graph);
        indexOps.applyTo();
      });
      commits++;
      committedChanges += batch.size() - failed;
      if (!events.isEmpty()) {
        publisher.accept(events);
      }
      published = version;
      told = System.nanoTime();
      stages.publishing().record(told - durable, written);
    }
    refused += failed;
    // Before answering, so that a caller's next write is prepared against what this batch left.
    settle(batch);
    answer(batch, replies, told);
  }

  private Change change(Request r, Tx tx, Instant now) {
    if (r.op() instanceof Op.TwinOp t) {
      Change kept = Prepared.stillCurrent(t, r.prepared(), tx);
      if (kept != null) {
        return kept;
      }
      reprepared++;
      // Whatever the caller found (even a refusal) was based on a state that is not current: decide afresh.
      return t.prepare(tx.twin(t.twinId()), tx.models(), now, graph.trees());
    }
    return ((Op.GraphOp) r.op()).prepare(tx, now);
  }

  /** Answers in order; {@code told} (or -1) is when the listeners had the batch, for the answering stage. */
  private void answer(List<Request> batch, Object[] replies, long told) {
    int admitted = 0;
    for (int i = 0; i < replies.length; i++) {
      Request r = batch.get(i);
      if (replies[i] instanceof RuntimeException e) {
        r.reply().completeExceptionally(e);
      } else {
        r.reply().complete(replies[i]);
        if (told >= 0) {
          stages.answering().record(System.nanoTime() - told);
        }
      }
      admitted += r.admitted() ? 1 : 0;
    }
    places.release(admitted);
  }

  static StoredTwin stored(TwinState t) {
    return new StoredTwin(t.id(), t.model().value(), t.version(), t.document());
  }

  static StoredRelationship stored(RelState r) {
    return new StoredRelationship(r.sourceId(), r.id(), r.targetId(), r.name(), r.version(), r.document());
  }

  static StoredModel stored(ModelRecord m) {
    return new StoredModel(m.model().id().value(), m.model().source(), m.decommissioned(),
        m.uploadTime().toEpochMilli());
  }
}
