package io.doppel.stream.rules;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.IncomingRelationship;
import io.doppel.twin.Page;
import io.doppel.twin.RelationshipView;
import io.doppel.twin.TwinEngine;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The twins one twin reaches over relationships of one name, read page by page from the engine. */
final class Links {
  /** More neighbours than this over one relationship name make the evaluation fail, rather than stall the rules. */
  static final int MAX_NEIGHBOURS = 10_000;
  private static final int PAGE = 1000;

  private Links() {}

  /** Targets of {@code twinId}'s outgoing relationships named {@code name}; empty when the twin is gone. */
  static List<String> targets(TwinEngine engine, String twinId, String name) {
    List<String> out = new ArrayList<>();
    String continuation = null;
    try {
      do {
        Page<RelationshipView> page = engine.listRelationships(twinId, name, continuation, PAGE);
        page.items().forEach(r -> out.add(r.targetId()));
        check(out, twinId, name);
        continuation = page.continuation();
      } while (continuation != null);
    } catch (DoppelException e) {
      return gone(e, out);
    }
    return out;
  }

  /** Sources of the relationships named {@code name} (or of any name, when null) pointing at {@code twinId}. */
  static List<String> sources(TwinEngine engine, String twinId, @Nullable String name) {
    List<String> out = new ArrayList<>();
    String continuation = null;
    try {
      do {
        Page<IncomingRelationship> page = engine.listIncomingRelationships(twinId, continuation, PAGE);
        for (IncomingRelationship r : page.items()) {
          if (name == null || r.relationshipName().equals(name)) {
            out.add(r.sourceId());
          }
        }
        check(out, twinId, name);
        continuation = page.continuation();
      } while (continuation != null);
    } catch (DoppelException e) {
      return gone(e, out);
    }
    return out;
  }

  private static void check(List<String> out, String twinId, @Nullable String name) {
    if (out.size() > MAX_NEIGHBOURS) {
      throw new IllegalStateException("twin '" + twinId + "' has more than " + MAX_NEIGHBOURS
          + " neighbours over '" + name + "'");
    }
  }

  private static List<String> gone(DoppelException e, List<String> partial) {
    if (e.code() == ErrorCode.TWIN_NOT_FOUND) {
      return List.of();
    }
    throw e;
  }
}
