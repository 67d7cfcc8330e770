package io.doppel.ingest.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.MappingResolver;
import io.doppel.ingest.Payloads;
import io.doppel.ingest.spi.DocumentStore;
import io.doppel.ingest.spi.DocumentStore.StoredDocument;
import io.doppel.model.ModelCatalog;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored mappings: defines (checked, then stored as a new version), reads, deletes, and after every change
 * hands the ingestion a new {@link MappingResolver} over the latest versions.
 */
public final class MappingService {
  private static final Logger LOG = LoggerFactory.getLogger(MappingService.class);

  private final DocumentStore store;
  private final Supplier<ModelCatalog> catalog;
  private final Clock clock;
  private final Consumer<MappingResolver> onChange;
  private volatile List<MappingDefinition> latest = List.of();

  /** Loads the stored mappings and hands their resolver to {@code onChange} at once. */
  public MappingService(DocumentStore store, Supplier<ModelCatalog> catalog, Clock clock,
      Consumer<MappingResolver> onChange) {
    this.store = store;
    this.catalog = catalog;
    this.clock = clock;
    this.onChange = onChange;
    refresh();
  }

  /** Checks {@code text} (JSON or YAML) and stores it as the next version of {@code id}. */
  public synchronized MappingDefinition put(String id, String text) {
    ObjectNode doc = MappingParser.read(text);
    int next = store.versions(id).stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    MappingDefinition draft = MappingParser.parse(id, next, doc);
    ModelCheck.check(draft, catalog.get());
    ObjectNode body = doc.deepCopy();
    body.remove("version");
    body.put("id", id);
    StoredDocument stored = store.put(id, write(body), clock.instant());
    MappingDefinition definition = MappingParser.parse(id, stored.version(), doc);
    refresh();
    return definition;
  }

  /** Parses and checks a definition without storing it (for a dry run of a draft). */
  public MappingDefinition draft(String id, String text) {
    MappingDefinition draft = MappingParser.parse(id, 0, MappingParser.read(text));
    ModelCheck.check(draft, catalog.get());
    return draft;
  }

  public MappingDefinition get(String id) {
    return store.latest(id).map(MappingService::parse).orElseThrow(() -> notFound(id, null));
  }

  public MappingDefinition get(String id, int version) {
    return store.version(id, version).map(MappingService::parse).orElseThrow(() -> notFound(id, version));
  }

  public List<Integer> versions(String id) {
    return store.versions(id);
  }

  /** The latest version of each mapping, by id. */
  public List<MappingDefinition> list() {
    return latest;
  }

  public synchronized void delete(String id) {
    if (!store.delete(id)) {
      throw notFound(id, null);
    }
    refresh();
  }

  private void refresh() {
    List<MappingDefinition> parsed = new ArrayList<>();
    for (StoredDocument doc : store.latestAll()) {
      try {
        parsed.add(parse(doc));
      } catch (RuntimeException e) {
        // Only a definition written by a newer Doppel could fail here; it must not stop the others.
        LOG.error("stored mapping {} version {} no longer parses; it is not applied", doc.id(), doc.version(), e);
      }
    }
    latest = List.copyOf(parsed);
    onChange.accept(new StoredMappingResolver(parsed));
  }

  /** The resolver over the latest versions. */
  public MappingResolver resolver() {
    return new StoredMappingResolver(latest);
  }

  private static MappingDefinition parse(StoredDocument doc) {
    return MappingParser.parse(doc.id(), doc.version(), MappingParser.read(doc.text()));
  }

  private static String write(ObjectNode body) {
    try {
      return Payloads.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JsonNode always serialises", e);
    }
  }

  private static DoppelException notFound(String id, Integer version) {
    return new DoppelException(ErrorCode.MAPPING_NOT_FOUND, version == null ? "no mapping '" + id + "'"
        : "mapping '" + id + "' has no version " + version);
  }

  /** Keeps {@code Optional} out of callers that only test existence. */
  public Optional<MappingDefinition> find(String id) {
    return store.latest(id).map(MappingService::parse);
  }
}
