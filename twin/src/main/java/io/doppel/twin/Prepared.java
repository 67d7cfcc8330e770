package io.doppel.twin;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Preparing a twin write on the caller's thread, and deciding on the sequencer whether that work still holds. */
final class Prepared {
  private Prepared() {}

  /** A change computed from {@code twin} and {@code models}, valid as long as both are still current. */
  record Value(Change change, @Nullable TwinState twin, Models models) {}

  /** Prepares on the caller's thread against committed state; refusals are thrown to the caller directly. */
  static @Nullable Value onCaller(Op op, Graph graph, Instant now) {
    if (op instanceof Op.TwinOp twinOp) {
      // Read models before the twin: a twin is always validated against models at least as new as itself.
      Models models = graph.models();
      TwinState twin = graph.twin(twinOp.twinId());
      return new Value(twinOp.prepare(twin, models, now), twin, models);
    }
    return null;
  }

  /** The change to apply on the sequencer: the caller's if nothing it read has changed, else a fresh one. */
  static Change current(Op op, @Nullable Value prepared, StateView state, java.time.Clock clock) {
    return switch (op) {
      case Op.TwinOp t -> {
        TwinState twin = state.twin(t.twinId());
        Models models = state.models();
        if (prepared != null && prepared.twin() == twin && prepared.models() == models) {
          yield prepared.change();
        }
        yield t.prepare(twin, models, clock.instant());
      }
      case Op.GraphOp g -> g.prepare(state, clock.instant());
    };
  }
}
