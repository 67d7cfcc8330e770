package io.doppel.twin;

import org.jspecify.annotations.Nullable;

/** Preparing a twin write on the caller's thread, and deciding on the sequencer whether that work still holds. */
final class Prepared {
  private Prepared() {}

  /**
   * A change computed from {@code twin} (committed, or left by a queued write) and {@code models}, valid as long as
   * both are still current when the sequencer reaches it; {@code queued} is the provisional twin it leaves.
   */
  record Value(Change change, @Nullable TwinState twin, Models models, @Nullable TwinState queued) {}

  /**
   * Prepares on the caller's thread against the twin as the last queued write will leave it (see
   * {@link Graph#latestTwin}), so that the work still holds when the sequencer reaches it; the caller holds the
   * twin's stripe lock until the op is queued, so writes to one twin queue in the order they were prepared. Returns
   * {@code null} to leave the decision to the sequencer: when a precondition must be checked against a version not
   * yet given, or when a refusal was decided on a state still in flight (that might yet fail to commit). A refusal
   * decided on committed state is thrown to the caller directly.
   */
  static @Nullable Value onCaller(Op.TwinOp op, Graph graph, java.time.Instant now) {
    // Read models before the twin: a twin is always validated against models at least as new as itself.
    Models models = graph.models();
    TwinState twin = graph.latestTwin(op.twinId());
    boolean inFlight = twin != null && twin.version() < 0;
    if (inFlight && !op.pre().isNone()) {
      return null;
    }
    Change change;
    try {
      change = op.prepare(twin, models, now, graph.trees());
    } catch (DoppelException refused) {
      if (graph.twin(op.twinId()) == twin) {
        throw refused;
      }
      return null;
    }
    TwinState queued = null;
    if (change instanceof Change.PutTwin p) {
      queued = new TwinState(p.id(), p.model().id(), -1, p.encoded(), p.model());
      graph.trees().put(queued, p.document());
      graph.queued(queued);
    }
    return new Value(change, twin, models, queued);
  }

  /**
   * The caller's change if nothing it read has changed since, else {@code null}: the sequencer then prepares the
   * op again against the batch's view. A twin is compared by its encoded document, which a queued write's
   * provisional state shares with the state the sequencer makes of it.
   */
  static @Nullable Change stillCurrent(Op.TwinOp op, @Nullable Value prepared, StateView state) {
    if (prepared == null || prepared.models() != state.models()) {
      return null;
    }
    TwinState basis = prepared.twin();
    TwinState current = state.twin(op.twinId());
    boolean same = basis == null ? current == null : current != null && current.document() == basis.document();
    return same ? prepared.change() : null;
  }
}
