package io.doppel.twin;

import java.time.Instant;

/** DELETE of a twin: refused while any relationship leaves from or points at it, as in ADT. */
record DeleteTwinOp(String twinId, Precondition pre) implements Op.GraphOp {
  @Override
  public Change prepare(StateView state, Instant now) {
    TwinState twin = state.twin(twinId);
    if (twin == null) {
      throw new DoppelException(ErrorCode.TWIN_NOT_FOUND, TwinOps.describe(twinId) + " does not exist");
    }
    Etags.check(pre, twin.version(), TwinOps.describe(twinId));
    if (!state.outgoing(twinId).isEmpty() || state.hasIncoming(twinId)) {
      throw new DoppelException(ErrorCode.TWIN_HAS_RELATIONSHIPS,
          TwinOps.describe(twinId) + " still has relationships; delete them first");
    }
    return new Change.DeleteTwin(twin, now);
  }
}
