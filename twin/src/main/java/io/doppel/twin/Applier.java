package io.doppel.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.twin.spi.Mutation;
import java.util.List;

/**
 * Turns a change with its version into the new in-memory state, the store mutations and the event. The reply is
 * the new {@link TwinState} or {@link RelState}, or the model records; callers materialise JSON from it.
 */
final class Applier {
  private Applier() {}

  static Object apply(
      Change change, long version, Origin origin, Tx tx, List<Mutation> mutations, List<TwinEvent> events) {
    return switch (change) {
      case Change.PutTwin p -> {
        TwinState state = new TwinState(p.id(), p.model().id(), version, p.encoded(), p.model());
        tx.putTwin(state);
        // Keyed by this exact state, so recording it before the commit is safe: it is used only if it becomes current.
        tx.trees().put(state, p.document());
        mutations.add(new Mutation.PutTwin(Sequencer.stored(state)));
        events.add(switch (p.kind()) {
          case CREATED -> new TwinEvent.TwinCreated(version, p.time(), p.id(), state.model(), p.document(), origin,
              p.encoded());
          case REPLACED -> new TwinEvent.TwinReplaced(version, p.time(), p.id(), state.model(), p.document(), origin,
              p.encoded());
          case PATCHED -> new TwinEvent.TwinPatched(version, p.time(), p.id(), state.model(),
              java.util.Objects.requireNonNull(p.patch()), p.document(), origin, p.encoded());
        });
        // The reply JSON was copied on the preparing thread: the sequencer, the serial part, only tags it.
        String etag = Etags.of(version);
        ObjectNode reply = p.reply();
        yield reply == null ? new WriteResult(p.id(), etag, version)
            : new TwinView(p.id(), etag, version, Etags.fill(reply, etag));
      }
      case Change.DeleteTwin d -> {
        tx.removeTwin(d.old().id());
        mutations.add(new Mutation.DeleteTwin(d.old().id()));
        events.add(new TwinEvent.TwinDeleted(version, d.time(), d.old().id(), d.old().model(), origin));
        yield Boolean.TRUE;
      }
      case Change.PutRelationship p -> {
        RelState state = new RelState(p.sourceId(), p.id(), p.targetId(), p.name(), version, p.encoded());
        tx.putRelationship(state);
        mutations.add(new Mutation.PutRelationship(Sequencer.stored(state)));
        events.add(switch (p.kind()) {
          case CREATED -> new TwinEvent.RelationshipCreated(version, p.time(), p.sourceId(), p.id(), p.targetId(),
              p.name(), p.document(), origin);
          case REPLACED -> new TwinEvent.RelationshipReplaced(version, p.time(), p.sourceId(), p.id(), p.targetId(),
              p.name(), p.document(), origin);
          case PATCHED -> new TwinEvent.RelationshipPatched(version, p.time(), p.sourceId(), p.id(), p.targetId(),
              p.name(), java.util.Objects.requireNonNull(p.patch()), p.document(), origin);
        });
        yield state;
      }
      case Change.DeleteRelationship d -> {
        RelState old = d.old();
        tx.removeRelationship(old);
        mutations.add(new Mutation.DeleteRelationship(old.sourceId(), old.id()));
        events.add(new TwinEvent.RelationshipDeleted(version, d.time(), old.sourceId(), old.id(), old.targetId(),
            old.name(), origin));
        yield Boolean.TRUE;
      }
      case Change.AddModels a -> {
        tx.models(tx.models().with(a.added()));
        a.added().forEach(r -> mutations.add(new Mutation.PutModel(Sequencer.stored(r))));
        List<Dtmi> ids = a.added().stream().map(r -> r.model().id()).toList();
        events.add(new TwinEvent.ModelsAdded(version, a.time(), ids, origin));
        yield a.added();
      }
      case Change.DeleteModel d -> {
        tx.models(tx.models().without(d.id()));
        mutations.add(new Mutation.DeleteModel(d.id().value()));
        events.add(new TwinEvent.ModelDeleted(version, d.time(), d.id(), origin));
        yield Boolean.TRUE;
      }
      case Change.DecommissionModel d -> {
        tx.models(tx.models().replacing(d.updated()));
        mutations.add(new Mutation.PutModel(Sequencer.stored(d.updated())));
        events.add(new TwinEvent.ModelDecommissioned(version, d.time(), d.updated().model().id(), origin));
        yield d.updated();
      }
    };
  }
}
