package io.doppel.twin.spi;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps committed state in maps, so an engine reopened on the same instance sees what the previous one committed.
 */
final class InMemoryTwinStore implements TwinStore {
  private final Map<String, StoredModel> models = new LinkedHashMap<>();
  private final Map<String, StoredTwin> twins = new TreeMap<>();
  private final Map<String, StoredRelationship> relationships = new TreeMap<>();
  private final Map<String, StoredIndex> indexes = new TreeMap<>();
  private long version;

  @Override
  public synchronized long load(LoadSink sink) {
    models.values().forEach(sink::model);
    twins.values().forEach(sink::twin);
    relationships.values().forEach(sink::relationship);
    indexes.values().forEach(sink::index);
    return version;
  }

  @Override
  public synchronized void commit(long newVersion, List<Mutation> batch) {
    if (newVersion <= version) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE,
          "version " + newVersion + " is not after the last committed version " + version);
    }
    for (Mutation m : batch) {
      switch (m) {
        case Mutation.PutModel p -> models.put(p.model().id(), p.model());
        case Mutation.DeleteModel d -> models.remove(d.id());
        case Mutation.PutTwin p -> twins.put(p.twin().id(), p.twin());
        case Mutation.DeleteTwin d -> twins.remove(d.id());
        case Mutation.PutRelationship p ->
            relationships.put(key(p.relationship().sourceId(), p.relationship().id()), p.relationship());
        case Mutation.DeleteRelationship d -> relationships.remove(key(d.sourceId(), d.id()));
        case Mutation.PutIndex p -> indexes.put(p.index().path(), p.index());
        case Mutation.DeleteIndex d -> indexes.remove(d.path());
      }
    }
    version = newVersion;
  }

  private static String key(String sourceId, String id) {
    return sourceId + '\u0000' + id;
  }

  @Override
  public void close() {
    // Nothing to release: the maps stay so that a new engine can reopen this store.
  }
}
