package io.doppel.twin;

import io.doppel.model.Dtmi;
import io.doppel.model.InterfaceModel;
import io.doppel.model.ModelParser;
import io.doppel.model.ModelResolver;
import io.doppel.model.ParseResult;
import io.doppel.twin.spi.LoadSink;
import io.doppel.twin.spi.StoredIndex;
import io.doppel.twin.spi.StoredModel;
import io.doppel.twin.spi.StoredRelationship;
import io.doppel.twin.spi.StoredTwin;
import io.doppel.twin.spi.TwinStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills a graph from a store at start: models (parsed again from their sources), twins, relationships, and the
 * property indexes, whose contents are rebuilt from the twins.
 */
final class Loader implements LoadSink {
  private final Graph graph;
  private final List<StoredModel> models = new ArrayList<>();
  private final Map<String, Dtmi> dtmis = new HashMap<>();
  private final List<RelState> relationships = new ArrayList<>();
  private boolean modelsInstalled;

  private Loader(Graph graph) {
    this.graph = graph;
  }

  static void load(TwinStore store, Graph graph) {
    Loader loader = new Loader(graph);
    long version = store.load(loader);
    loader.installModels();
    graph.loadRelationships(loader.relationships);
    graph.version(version);
  }

  @Override
  public void model(StoredModel model) {
    models.add(model);
  }

  @Override
  public void twin(StoredTwin twin) {
    installModels();
    // One Dtmi instance per model: a million twins share a handful of model ids.
    Dtmi model = dtmis.computeIfAbsent(twin.model(), Dtmi::new);
    graph.putTwin(new TwinState(twin.id(), model, twin.version(), twin.document(), null));
  }

  @Override
  public void index(StoredIndex index) {
    IndexPath path;
    try {
      path = IndexPath.parse(index.path());
    } catch (DoppelException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "the store defines an invalid index: " + e.getMessage());
    }
    if (graph.index(path.text()) == null) {
      // Filled from the twins loaded so far; those loaded after it are indexed as they arrive.
      graph.loadIndex(path);
    }
  }

  @Override
  public void relationship(StoredRelationship r) {
    relationships.add(new RelState(r.sourceId(), r.id(), r.targetId(), r.name(), r.version(), r.document()));
  }

  private void installModels() {
    if (modelsInstalled) {
      return;
    }
    modelsInstalled = true;
    if (models.isEmpty()) {
      return;
    }
    Set<String> sources = new LinkedHashSet<>();
    Map<Dtmi, StoredModel> byId = new HashMap<>();
    for (StoredModel m : models) {
      sources.add(m.source());
      byId.put(new Dtmi(m.id()), m);
    }
    ParseResult result = ModelParser.withDefaults().parse(List.copyOf(sources), ModelResolver.none());
    if (!(result instanceof ParseResult.Valid valid)) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE,
          "the stored models no longer parse: " + ((ParseResult.Invalid) result).errors().get(0).message());
    }
    List<ModelRecord> records = new ArrayList<>();
    for (InterfaceModel m : valid.models()) {
      StoredModel stored = byId.get(m.id());
      // A source may define models deleted since (an uploaded array): keep only those still stored.
      if (stored != null) {
        records.add(new ModelRecord(m, stored.decommissioned(), Instant.ofEpochMilli(stored.uploadTimeMillis())));
        dtmis.put(m.id().value(), m.id());
      }
    }
    graph.models(Models.EMPTY.with(records));
  }
}
