package io.doppel.ingest.kafka;

import io.doppel.ingest.Outcome;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * The records of one partition handed to the ingestor and not yet committed, in offset order. The committable
 * offset only moves past a record once it and every record before it are durable, whatever order their futures
 * complete in. Used by the consumer's thread only.
 */
final class PartitionProgress {
  record Pending(long offset, CompletableFuture<Outcome> outcome) {}

  final ArrayDeque<Pending> pending = new ArrayDeque<>();
  /** The next offset to commit (one past the last durable record of the settled prefix), or -1 for none yet. */
  long committable = -1;
  /** The offset last sent in a commit (possibly still in flight), -1 for none. */
  long sent = -1;
  /** The offset last confirmed committed, -1 for none. */
  long committed = -1;

  void add(long offset, CompletableFuture<Outcome> outcome) {
    pending.addLast(new Pending(offset, outcome));
  }
}
