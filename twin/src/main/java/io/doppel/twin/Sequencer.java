package io.doppel.twin;

import io.doppel.twin.spi.Mutation;
import io.doppel.twin.spi.StoredModel;
import io.doppel.twin.spi.StoredRelationship;
import io.doppel.twin.spi.StoredTwin;
import io.doppel.twin.spi.TwinStore;
import java.time.Clock;
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
 * The single writer. Takes prepared requests off a queue in batches, re-checks each against the batch's view,
 * gives versions, commits the batch to the store with one durable write (group commit), applies it to the graph,
 * publishes events in version order, and only then answers the callers.
 */
final class Sequencer implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
  private static final int MAX_BATCH = 8192;

  /** A queued write; {@code prepared} is absent when the caller could not prepare it. */
  record Request(Op op, Prepared.@Nullable Value prepared, CompletableFuture<Object> reply) {}

  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Graph graph;
  private final TwinStore store;
  private final Clock clock;
  private final Consumer<TwinEvent> publisher;
  private volatile boolean running = true;

  Sequencer(Graph graph, TwinStore store, Clock clock, Consumer<TwinEvent> publisher) {
    this.graph = graph;
    this.store = store;
    this.clock = clock;
    this.publisher = publisher;
  }

  CompletableFuture<Object> submit(Op op, Prepared.@Nullable Value prepared) {
    CompletableFuture<Object> reply = new CompletableFuture<>();
    if (!running) {
      reply.completeExceptionally(closed());
      return reply;
    }
    queue.add(new Request(op, prepared, reply));
    if (!running) {
      // close() may have drained the queue before our add: make sure nobody waits forever.
      failQueued();
    }
    return reply;
  }

  void stop() {
    running = false;
    queue.add(new Request(new Op.GraphOp() {
      @Override
      public Change prepare(StateView state, java.time.Instant now) {
        throw closed();
      }
    }, null, new CompletableFuture<>()));
  }

  @Override
  public void run() {
    List<Request> batch = new ArrayList<>();
    try {
      while (running || !queue.isEmpty()) {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
        try {
          process(batch);
        } catch (RuntimeException e) {
          // A bug while applying: fail this batch's callers loudly but keep the engine serving the next ones.
          LOG.error("the sequencer failed on a batch of {} requests", batch.size(), e);
          for (Request r : batch) {
            r.reply().completeExceptionally(e);
          }
        }
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      failQueued();
    }
  }

  private void failQueued() {
    Request r;
    while ((r = queue.poll()) != null) {
      r.reply().completeExceptionally(closed());
    }
  }

  private static DoppelException closed() {
    return new DoppelException(ErrorCode.STORAGE_FAILURE, "the twin engine is closed");
  }

  private void process(List<Request> batch) {
    Tx tx = new Tx(graph);
    long version = graph.version();
    List<Mutation> mutations = new ArrayList<>();
    List<TwinEvent> events = new ArrayList<>();
    Object[] replies = new Object[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      Request r = batch.get(i);
      try {
        Change change = Prepared.current(r.op(), r.prepared(), tx, clock);
        version++;
        replies[i] = Applier.apply(change, version, tx, mutations, events);
      } catch (RuntimeException e) {
        // DoppelException is the expected refusal; anything else is a bug reported to that caller alone.
        replies[i] = e;
      }
    }
    if (!mutations.isEmpty()) {
      try {
        store.commit(version, mutations);
      } catch (RuntimeException e) {
        LOG.error("commit of {} changes up to version {} failed; nothing applied", mutations.size(), version, e);
        DoppelException failure = e instanceof DoppelException d && d.code() == ErrorCode.STORAGE_FAILURE
            ? d : new DoppelException(ErrorCode.STORAGE_FAILURE, "the change could not be made durable: " + e);
        for (int i = 0; i < replies.length; i++) {
          if (!(replies[i] instanceof RuntimeException)) {
            replies[i] = failure;
          }
        }
        answer(batch, replies);
        return;
      }
      tx.applyTo(graph);
      graph.version(version);
      for (TwinEvent event : events) {
        publisher.accept(event);
      }
    }
    answer(batch, replies);
  }

  private static void answer(List<Request> batch, Object[] replies) {
    for (int i = 0; i < replies.length; i++) {
      if (replies[i] instanceof RuntimeException e) {
        batch.get(i).reply().completeExceptionally(e);
      } else {
        batch.get(i).reply().complete(replies[i]);
      }
    }
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
