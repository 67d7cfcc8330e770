package io.doppel.stream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.model.InterfaceModel;
import io.doppel.model.ModelCatalog;
import io.doppel.twin.TwinEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns engine events into CloudEvents 1.0 (JSON format), once per event whatever the number of subscribers. Not
 * thread-safe: the stream's dispatcher thread owns one.
 */
final class CloudEvents {
  static final String SPEC_VERSION = "1.0";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A model's lineage (itself and its ancestors) per catalog: twins of a few models change over and over. */
  private final Map<Dtmi, Set<Dtmi>> lineages = new HashMap<>();
  private @Nullable ModelCatalog lineagesOf;

  StreamEvent encode(TwinEvent event, ModelCatalog catalog) {
    return encode(event, catalog, true);
  }

  /**
   * With {@code withState}, a patch event also carries the twin's document after the change ({@link
   * StreamEvent#state()}), which {@code where} filters test: the engine's stored bytes of it, so no serialisation.
   */
  StreamEvent encode(TwinEvent event, ModelCatalog catalog, boolean withState) {
    if (catalog != lineagesOf) {
      lineages.clear();
      lineagesOf = catalog;
    }
    // The engine's JSON is shared read-only between listeners; set() links it into the envelope without copying.
    return switch (event) {
      case TwinEvent.TwinCreated e -> twin(e, EventType.TWIN_CREATED, e.twinId(), e.model(), e.twin());
      case TwinEvent.TwinReplaced e -> twin(e, EventType.TWIN_REPLACED, e.twinId(), e.model(), e.twin());
      case TwinEvent.TwinPatched e -> {
        ObjectNode data = MAPPER.createObjectNode().put("modelId", e.model().value());
        data.set("patch", e.patch());
        StreamEvent patched = twin(e, EventType.TWIN_PATCHED, e.twinId(), e.model(), data);
        yield withState ? withState(patched, e.stored()) : patched;
      }
      case TwinEvent.TwinDeleted e -> twin(e, EventType.TWIN_DELETED, e.twinId(), e.model(),
          MAPPER.createObjectNode().put("$dtId", e.twinId()).put("modelId", e.model().value()));
      case TwinEvent.RelationshipCreated e -> relationship(e, EventType.RELATIONSHIP_CREATED, e.sourceId(),
          e.relationshipId(), e.targetId(), e.name(), e.relationship());
      case TwinEvent.RelationshipReplaced e -> relationship(e, EventType.RELATIONSHIP_REPLACED, e.sourceId(),
          e.relationshipId(), e.targetId(), e.name(), e.relationship());
      case TwinEvent.RelationshipPatched e -> {
        ObjectNode data = relationshipIds(e.sourceId(), e.relationshipId(), e.targetId(), e.name());
        data.set("patch", e.patch());
        yield relationship(e, EventType.RELATIONSHIP_PATCHED, e.sourceId(), e.relationshipId(), e.targetId(),
            e.name(), data);
      }
      case TwinEvent.RelationshipDeleted e -> relationship(e, EventType.RELATIONSHIP_DELETED, e.sourceId(),
          e.relationshipId(), e.targetId(), e.name(),
          relationshipIds(e.sourceId(), e.relationshipId(), e.targetId(), e.name()));
      case TwinEvent.ModelsAdded e -> {
        ObjectNode data = MAPPER.createObjectNode();
        e.models().forEach(m -> data.withArray("models").add(m.value()));
        Set<Dtmi> concerned = new HashSet<>();
        e.models().forEach(m -> concerned.addAll(lineage(m, catalog)));
        String subject = e.models().size() == 1 ? e.models().get(0).value() : null;
        yield model(e, EventType.MODELS_ADDED, "/models", subject, concerned, data);
      }
      case TwinEvent.ModelDeleted e -> model(e, EventType.MODEL_DELETED, "/models/" + segment(e.model().value()),
          e.model().value(), lineage(e.model(), catalog), modelData(e.model()));
      case TwinEvent.ModelDecommissioned e -> model(e, EventType.MODEL_DECOMMISSIONED,
          "/models/" + segment(e.model().value()), e.model().value(), lineage(e.model(), catalog),
          modelData(e.model()));
    };
  }

  private StreamEvent twin(TwinEvent e, EventType type, String twinId, Dtmi model, ObjectNode data) {
    String json = envelope(e, type, "/digitaltwins/" + segment(twinId), twinId, data);
    return new StreamEvent(e.version(), type, twinId, lineage(model, lineagesOf), null, null, null, json);
  }

  private static StreamEvent withState(StreamEvent e, byte[] stored) {
    return new StreamEvent(e.version(), e.type(), e.twinId(), e.models(), null, null, null, e.json(), stored);
  }

  private static StreamEvent relationship(TwinEvent e, EventType type, String sourceId, String relationshipId,
      String targetId, String name, ObjectNode data) {
    String json = envelope(e, type, "/digitaltwins/" + segment(sourceId) + "/relationships/" + segment(relationshipId),
        sourceId + "/relationships/" + relationshipId, data);
    return new StreamEvent(e.version(), type, null, Set.of(), name, sourceId, targetId, json);
  }

  private static StreamEvent model(TwinEvent e, EventType type, String source, @Nullable String subject,
      Set<Dtmi> models, ObjectNode data) {
    return new StreamEvent(e.version(), type, null, models, null, null, null, envelope(e, type, source, subject, data));
  }

  private static ObjectNode relationshipIds(String sourceId, String relationshipId, String targetId, String name) {
    return MAPPER.createObjectNode().put("$relationshipId", relationshipId).put("$sourceId", sourceId)
        .put("$targetId", targetId).put("$relationshipName", name);
  }

  private static ObjectNode modelData(Dtmi model) {
    return MAPPER.createObjectNode().put("modelId", model.value());
  }

  private static String envelope(TwinEvent e, EventType type, String source, @Nullable String subject,
      ObjectNode data) {
    // Straight onto a generator, the fields in the order they always had: no envelope tree per event.
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("specversion", SPEC_VERSION);
      g.writeStringField("id", Long.toString(e.version()));
      g.writeStringField("source", source);
      g.writeStringField("type", type.ceType());
      g.writeStringField("time", e.time().toString());
      if (subject != null) {
        g.writeStringField("subject", subject);
      }
      g.writeStringField("datacontenttype", "application/json");
      g.writeFieldName("data");
      MAPPER.writeTree(g, data);
      g.writeEndObject();
    } catch (IOException ex) {
      throw new IllegalStateException("a JSON tree always serialises", ex);
    }
    return out.toString();
  }

  private Set<Dtmi> lineage(Dtmi model, @Nullable ModelCatalog catalog) {
    return lineages.computeIfAbsent(model, m -> {
      InterfaceModel resolved = catalog == null ? null : catalog.get(m).orElse(null);
      if (resolved == null) {
        return Set.of(m); // a twin may outlive its model (ADT): it still is of its own model
      }
      Set<Dtmi> all = new HashSet<>(resolved.ancestors());
      all.add(m);
      return Set.copyOf(all);
    });
  }

  private static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
