package io.doppel.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.history.spi.ChangeLog;
import io.doppel.history.spi.ChangeRecord;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.RelationshipView;
import io.doppel.twin.TwinView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rolls a current snapshot back to an earlier version with the change log: every twin and relationship changed
 * after that version gets its last logged state at or before it (none: it did not exist). Reads the changes since
 * once and one entry per changed entity, so the cost follows what changed since, not the graph's size.
 */
final class Rollback {
  private Rollback() {}

  /**
   * The graph at {@code version}; takes ownership of {@code now}, whose changes must all be in {@code log}, and
   * whose version is at least {@code version}.
   */
  static PastGraph of(GraphSnapshot now, long version, ChangeLog log) {
    Set<String> twins = new HashSet<>();
    Set<String> relationships = new HashSet<>();
    for (String entity : log.entitiesChanged(version, now.version())) {
      if (entity.startsWith("R")) {
        relationships.add(entity);
      } else {
        twins.add(entity.substring(1));
      }
    }
    TreeMap<String, TwinView> twinsThen = new TreeMap<>();
    long count = now.twinCount();
    Set<String> entities = new HashSet<>(relationships);
    twins.forEach(id -> entities.add(ChangeRecord.twinEntity(id)));
    Map<String, ChangeRecord> lastThen = log.lastOf(entities, version);
    for (String id : twins) {
      boolean existsNow = now.modelOf(id) != null;
      Optional<ChangeRecord> then = Optional.ofNullable(lastThen.get(ChangeRecord.twinEntity(id)))
          .filter(c -> !c.kind().isDelete());
      then.ifPresent(c -> twinsThen.put(id, twinView(c)));
      count += (then.isPresent() ? 1 : 0) - (existsNow ? 1 : 0);
    }
    Map<String, List<RelationshipView>> outgoing = new HashMap<>();
    Map<String, List<RelationshipView>> incoming = new HashMap<>();
    for (String entity : relationships) {
      Optional.ofNullable(lastThen.get(entity)).filter(c -> !c.kind().isDelete()).ifPresent(c -> {
        RelationshipView view = relationshipView(c);
        outgoing.computeIfAbsent(view.sourceId(), k -> new ArrayList<>()).add(view);
        incoming.computeIfAbsent(view.targetId(), k -> new ArrayList<>()).add(view);
      });
    }
    return new PastGraph(now, version, twinsThen, twins, count, relationships, outgoing, incoming);
  }

  static String entityOf(RelationshipView r) {
    return ChangeRecord.relationshipEntity(r.sourceId(), r.id());
  }

  private static TwinView twinView(ChangeRecord c) {
    String etag = etag(c.version());
    return new TwinView(c.twinId(), etag, c.version(), withEtag(java.util.Objects.requireNonNull(c.document()), "$dtId", etag));
  }

  private static RelationshipView relationshipView(ChangeRecord c) {
    String etag = etag(c.version());
    return new RelationshipView(java.util.Objects.requireNonNull(c.relationshipId()), c.twinId(),
        java.util.Objects.requireNonNull(c.targetId()), java.util.Objects.requireNonNull(c.relationshipName()), etag,
        withEtag(java.util.Objects.requireNonNull(c.document()), "$relationshipId", etag));
  }

  /** The engine's weak ETag of a resource last changed at {@code version}. */
  static String etag(long version) {
    return "W/\"" + String.format("%016x", version) + "\"";
  }

  /** The document as the engine shows it: {@code $etag} right after {@code firstKey}. */
  private static ObjectNode withEtag(ObjectNode doc, String firstKey, String etag) {
    ObjectNode out = doc.objectNode();
    boolean placed = false;
    for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : doc.properties()) {
      out.set(e.getKey(), e.getValue()); // shared, read-only: PastGraph hands out copies
      if (!placed && e.getKey().equals(firstKey)) {
        out.put("$etag", etag);
        placed = true;
      }
    }
    if (!placed) {
      out.put("$etag", etag);
    }
    return out;
  }
}
