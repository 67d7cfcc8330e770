package io.doppel.twin;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** Read access to the twin graph: the committed one, or the sequencer's view of it with a batch applied on top. */
interface StateView {
  Models models();

  @Nullable TwinState twin(String id);

  @Nullable RelState relationship(String sourceId, String id);

  /** The twin's outgoing relationships, ordered by relationship id. */
  Collection<RelState> outgoing(String sourceId);

  boolean hasIncoming(String targetId);
}
