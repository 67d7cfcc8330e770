package io.doppel.twin;

/**
 * Where a durable write's time goes in the engine, one duration per write (a batch's shared stages count once for
 * each of its writes, so percentiles are per write, as callers see them). Recorded always: it costs a clock read
 * per write and per stage of a batch.
 *
 * @param waiting from being queued until the sequencer takes it into a batch (the previous batch's commit, or the
 *     writer thread waiting for a core)
 * @param preparing from then until the batch goes to the store: re-checks, versions, the store's mutations
 * @param syncing the store's commit: the batch written and the write-ahead log synced
 * @param publishing from durable to every listener told: the graph updated and the change listeners run
 * @param answering from then until this write's caller is answered (answers go out in order, and a caller's
 *     continuation may run on the writer's thread before the next answer)
 */
public record CommitStages(LatencyHistogram waiting, LatencyHistogram preparing, LatencyHistogram syncing,
    LatencyHistogram publishing, LatencyHistogram answering) {

  CommitStages() {
    this(new LatencyHistogram(), new LatencyHistogram(), new LatencyHistogram(), new LatencyHistogram(),
        new LatencyHistogram());
  }
}
