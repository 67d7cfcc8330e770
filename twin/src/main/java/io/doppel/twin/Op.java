package io.doppel.twin;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A write request, turned into a {@link Change} against some state (or refused with a {@link DoppelException}). */
sealed interface Op {
  /**
   * A write that reads only one twin and the models. Callers prepare it on their own thread; the sequencer keeps
   * the result if neither changed meanwhile and prepares it again otherwise.
   */
  non-sealed interface TwinOp extends Op {
    String twinId();

    Precondition pre();

    /** {@code trees} may hold the decoded document of {@code current}: read it, never modify it. */
    Change prepare(@Nullable TwinState current, Models models, Instant now, RecentTrees trees);
  }

  /** A write that reads several entities (relationships, deletes, models); prepared on the sequencer only. */
  non-sealed interface GraphOp extends Op {
    Change prepare(StateView state, Instant now);
  }
}
