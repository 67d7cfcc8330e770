package io.doppel.twin;

/**
 * Counters of the engine's write path, for metrics: how much was committed and how well group commit batches.
 *
 * @param commits durable store commits since the engine opened (one per group of writes)
 * @param committedChanges changes made durable by those commits (each got a version)
 * @param refusedWrites writes refused (validation, preconditions, storage failures)
 * @param lastBatchSize requests the sequencer took in its last batch, refused ones included
 * @param averageBatchSize committed changes per commit, since the engine opened (0 before the first)
 * @param queueDepth writes waiting for the sequencer right now
 * @param reprepared twin writes the sequencer had to prepare again because their twin or the models changed
 *     after the caller prepared them
 */
public record EngineStats(long commits, long committedChanges, long refusedWrites, int lastBatchSize,
    double averageBatchSize, int queueDepth, long reprepared) {}
