package io.doppel.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.model.ModelCatalog;
import io.doppel.model.ModelParser;
import io.doppel.model.ModelResolver;
import io.doppel.model.ParseResult;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.GraphSnapshot;
import io.doppel.twin.IndexEntry;
import io.doppel.twin.IndexRange;
import io.doppel.twin.IndexValue;
import io.doppel.twin.RelationshipView;
import io.doppel.twin.TwinView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A small, real in-memory {@link GraphSnapshot} for tests: sorted maps, real property indexes with the engine's
 * ordering and range rules, relationships ordered as the engine orders them. Immutable once built; {@link #open()}
 * hands out views that refuse reads after they are closed, and counts how many are open.
 */
final class MemoryGraph implements GraphSnapshot {
  static final ObjectMapper JSON = new ObjectMapper();

  private final Data data;
  private final AtomicInteger open;
  private boolean closed;
  private volatile boolean expired;

  private record Data(ModelCatalog models, SortedMap<String, ObjectNode> twins,
      Map<String, List<RelationshipView>> outgoing, Map<String, List<RelationshipView>> incoming,
      Map<String, NavigableSet<IndexEntry>> indexes) {}

  private MemoryGraph(Data data, AtomicInteger open) {
    this.data = data;
    this.open = open;
  }

  static Builder builder(List<String> dtdl) {
    return new Builder(dtdl);
  }

  /** A fresh view of the same graph, as an engine's snapshot() would be. */
  MemoryGraph open() {
    open.incrementAndGet();
    return new MemoryGraph(data, open);
  }

  int openViews() {
    return open.get();
  }

  private void check() {
    if (closed) {
      throw new IllegalStateException("snapshot used after close");
    }
    if (expired) {
      throw new DoppelException(ErrorCode.SNAPSHOT_EXPIRED, "the snapshot reached its maximum age");
    }
  }

  /** Makes this view fail as an engine snapshot past its maximum age does. */
  void expire() {
    expired = true;
  }

  @Override
  public long version() {
    return 1;
  }

  @Override
  public ModelCatalog models() {
    return data.models;
  }

  @Override
  public long twinCount() {
    check();
    return data.twins.size();
  }

  @Override
  public @Nullable TwinView twin(String id) {
    check();
    ObjectNode doc = data.twins.get(id);
    return doc == null ? null : new TwinView(id, doc.get("$etag").asText(), 1, doc.deepCopy());
  }

  @Override
  public @Nullable Dtmi modelOf(String id) {
    check();
    ObjectNode doc = data.twins.get(id);
    return doc == null ? null : new Dtmi(doc.path("$metadata").path("$model").asText());
  }

  @Override
  public Iterator<String> twinIds(String prefix, @Nullable String after) {
    check();
    SortedMap<String, ObjectNode> tail = after == null ? data.twins : data.twins.tailMap(after + "\0");
    return tail.keySet().stream().dropWhile(id -> id.compareTo(prefix) < 0)
        .takeWhile(id -> id.startsWith(prefix)).iterator();
  }

  @Override
  public Iterator<String> twinIdsOfModels(Set<Dtmi> models, @Nullable String after) {
    check();
    return data.twins.keySet().stream().filter(id -> after == null || id.compareTo(after) > 0)
        .filter(id -> models.contains(modelOf(id))).iterator();
  }

  @Override
  public List<RelationshipView> outgoing(String sourceId, @Nullable String name) {
    check();
    return data.outgoing.getOrDefault(sourceId, List.of()).stream()
        .filter(r -> name == null || r.name().equals(name)).toList();
  }

  @Override
  public List<RelationshipView> incoming(String targetId, @Nullable String name) {
    check();
    return data.incoming.getOrDefault(targetId, List.of()).stream()
        .filter(r -> name == null || r.name().equals(name)).toList();
  }

  @Override
  public Set<String> indexedPaths() {
    return data.indexes.keySet();
  }

  @Override
  public Iterator<IndexEntry> indexRange(String path, IndexRange range, @Nullable IndexEntry after) {
    check();
    NavigableSet<IndexEntry> index = data.indexes.get(path);
    if (index == null) {
      throw new DoppelException(ErrorCode.INVALID_ARGUMENT, "no index on " + path);
    }
    IndexValue anchor = range.lower() != null ? range.lower() : range.upper();
    return index.stream()
        .filter(e -> after == null || e.compareTo(after) > 0)
        .filter(e -> anchor == null || e.value().getClass() == anchor.getClass())
        .filter(e -> range.lower() == null || cmp(e.value(), range.lower()) > 0
            || (range.lowerInclusive() && cmp(e.value(), range.lower()) == 0))
        .filter(e -> range.upper() == null || cmp(e.value(), range.upper()) < 0
            || (range.upperInclusive() && cmp(e.value(), range.upper()) == 0))
        .iterator();
  }

  private static int cmp(IndexValue a, IndexValue b) {
    return a.compareTo(b);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      open.decrementAndGet();
    }
  }

  static final class Builder {
    private final ModelCatalog models;
    private final SortedMap<String, ObjectNode> twins = new TreeMap<>();
    private final List<RelationshipView> rels = new ArrayList<>();
    private final Set<String> indexed = new TreeSet<>();

    private Builder(List<String> dtdl) {
      ParseResult result = ModelParser.withDefaults().parse(dtdl, ModelResolver.none());
      if (!(result instanceof ParseResult.Valid valid)) {
        throw new IllegalArgumentException("test models do not parse: " + result);
      }
      models = ModelCatalog.of(valid.models());
    }

    Builder twin(String id, String model, String properties) {
      ObjectNode doc = JSON.createObjectNode();
      doc.put("$dtId", id);
      doc.put("$etag", "W/\"" + id.hashCode() + "\"");
      ObjectNode metadata = doc.putObject("$metadata");
      metadata.put("$model", model);
      metadata.put("$lastUpdateTime", "2026-11-25T10:00:00Z");
      ObjectNode props = parse(properties);
      props.properties().forEach(p -> {
        doc.set(p.getKey(), p.getValue());
        metadata.putObject(p.getKey()).put("lastUpdateTime", "2026-11-25T10:00:00Z");
      });
      twins.put(id, doc);
      return this;
    }

    Builder rel(String source, String id, String name, String target, String properties) {
      ObjectNode doc = parse(properties);
      ObjectNode json = JSON.createObjectNode();
      json.put("$relationshipId", id);
      json.put("$etag", "W/\"r" + id.hashCode() + "\"");
      json.put("$sourceId", source);
      json.put("$targetId", target);
      json.put("$relationshipName", name);
      json.setAll(doc);
      rels.add(new RelationshipView(id, source, target, name, json.get("$etag").asText(), json));
      return this;
    }

    Builder index(String path) {
      indexed.add(path);
      return this;
    }

    MemoryGraph build() {
      Map<String, List<RelationshipView>> out = new TreeMap<>();
      Map<String, List<RelationshipView>> in = new TreeMap<>();
      for (RelationshipView r : rels) {
        out.computeIfAbsent(r.sourceId(), k -> new ArrayList<>()).add(r);
        in.computeIfAbsent(r.targetId(), k -> new ArrayList<>()).add(r);
      }
      out.values().forEach(l -> l.sort(Comparator.comparing(RelationshipView::id)));
      in.values().forEach(l -> l.sort(Comparator.comparing(RelationshipView::sourceId)
          .thenComparing(RelationshipView::id)));
      Map<String, NavigableSet<IndexEntry>> indexes = new TreeMap<>();
      for (String path : indexed) {
        NavigableSet<IndexEntry> entries = new TreeSet<>();
        twins.forEach((id, doc) -> {
          JsonNode v = doc;
          for (String segment : path.split("\\.")) {
            v = v.path(segment);
          }
          IndexValue value = v.isNumber() ? new IndexValue.Num(v.doubleValue())
              : v.isTextual() ? new IndexValue.Str(v.asText())
              : v.isBoolean() ? new IndexValue.Bool(v.booleanValue()) : null;
          if (value != null) {
            entries.add(new IndexEntry(value, id));
          }
        });
        indexes.put(path, entries);
      }
      return new MemoryGraph(new Data(models, twins, out, in, indexes), new AtomicInteger());
    }

    private static ObjectNode parse(String text) {
      try {
        return (ObjectNode) JSON.readTree(text.isBlank() ? "{}" : text);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(text, e);
      }
    }
  }
}
