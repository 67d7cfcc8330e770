package io.doppel.server.auth;

import io.doppel.model.Dtmi;
import io.doppel.model.ModelCatalog;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.IndexEntry;
import io.doppel.twin.IndexRange;
import io.doppel.twin.RelationshipView;
import io.doppel.twin.TwinView;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The whole graph with personal data treated for one caller ({@link Access#personal}) and nothing else filtered: what
 * a scenario fork is built from. Scenario routes need {@code simulate} on every twin, so no twin or property is hidden
 * from such a caller; only personal values (of twins and relationships) they may not see in clear are pseudonymised or dropped, before the fork
 * copies anything; ids marked personal go by their pseudonyms ({@link PseudonymousIds}), so a scenario run by such a
 * caller names those twins by pseudonym. No index is offered: indexes hold clear values.
 */
public final class PersonalSnapshot implements GraphSnapshot {
  private final GraphSnapshot graph;
  private final Access access;

  private PersonalSnapshot(GraphSnapshot graph, Access access) {
    this.graph = graph;
    this.access = access;
  }

  /** {@code graph} itself when the caller sees every personal value and id in clear (or there are none). */
  public static GraphSnapshot of(GraphSnapshot graph, Access access) {
    if (access.seesAllPersonalData() || !graph.models().holdsPersonalData()) {
      return graph;
    }
    return PseudonymousIds.of(new PersonalSnapshot(graph, access), access);
  }

  @Override
  public long version() {
    return graph.version();
  }

  @Override
  public ModelCatalog models() {
    return graph.models();
  }

  @Override
  public long twinCount() {
    return graph.twinCount();
  }

  @Override
  public @Nullable TwinView twin(String id) {
    TwinView twin = graph.twin(id);
    return twin == null ? null : new TwinView(twin.id(), twin.etag(), twin.version(), access.personal(twin.json()));
  }

  @Override
  public @Nullable Dtmi modelOf(String id) {
    return graph.modelOf(id);
  }

  @Override
  public Iterator<String> twinIds(String prefix, @Nullable String after) {
    return graph.twinIds(prefix, after);
  }

  @Override
  public Iterator<String> twinIdsOfModels(Set<Dtmi> models, @Nullable String after) {
    return graph.twinIdsOfModels(models, after);
  }

  @Override
  public List<RelationshipView> outgoing(String sourceId, @Nullable String name) {
    Dtmi model = graph.modelOf(sourceId);
    return graph.outgoing(sourceId, name).stream().map(r -> access.personalRelationship(r, model)).toList();
  }

  @Override
  public List<RelationshipView> incoming(String targetId, @Nullable String name) {
    return graph.incoming(targetId, name).stream()
        .map(r -> access.personalRelationship(r, graph.modelOf(r.sourceId()))).toList();
  }

  @Override
  public Set<String> indexedPaths() {
    return Set.of();
  }

  @Override
  public Iterator<IndexEntry> indexRange(String path, IndexRange range, @Nullable IndexEntry after) {
    return java.util.Collections.emptyIterator(); // none are offered (indexedPaths is empty)
  }

  @Override
  public void close() {
    graph.close();
  }
}
