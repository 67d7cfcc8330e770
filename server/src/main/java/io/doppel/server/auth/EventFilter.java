package io.doppel.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.stream.CloseReason;
import io.doppel.stream.EventSink;
import io.doppel.stream.EventType;
import io.doppel.stream.StreamEvent;
import io.doppel.twin.StoredDocuments;
import java.io.IOException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A subscriber's view of the change stream: events about twins they may not read are skipped, properties they
 * may not see are removed from twin documents and patches (a patch left empty is skipped), personal properties
 * reach a subscriber without {@code personal} pseudonymised or dropped as in queries (those of relationships too),
 * relationship events need read on both ends.
 */
public final class EventFilter implements EventSink {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventSink sink;
  private final Access access;
  private final Function<String, @Nullable Dtmi> twinModel;

  private EventFilter(EventSink sink, Access access, Function<String, @Nullable Dtmi> twinModel) {
    this.sink = sink;
    this.access = access;
    this.twinModel = twinModel;
  }

  /** {@code sink} itself when the caller sees everything. */
  public static EventSink wrap(EventSink sink, Access access, Function<String, @Nullable Dtmi> twinModel) {
    return access.everything() ? sink : new EventFilter(sink, access, twinModel);
  }

  /** Already the subscriber's view ({@link #view}): the stream hands over what that returned. */
  @Override
  public void send(StreamEvent event) throws IOException {
    sink.send(event);
  }

  /**
   * The event as the subscriber may see it, or null: hidden properties removed, and personal ones pseudonymised or
   * dropped as queries give them, in the event's data and in the state a {@code where} condition tests.
   */
  @Override
  public @Nullable StreamEvent view(StreamEvent event) throws IOException {
    if (event.twinId() != null) {
      return twinEvent(event, event.twinId());
    }
    if (event.sourceId() != null && event.targetId() != null) {
      return readable(event.sourceId()) && readable(event.targetId()) ? relationshipEvent(event) : null;
    }
    return access.allowsSomewhere(Action.READ) ? event : null; // model events
  }

  private @Nullable StreamEvent twinEvent(StreamEvent event, String twinId) throws IOException {
    ObjectNode ce = (ObjectNode) JSON.readTree(event.json());
    ObjectNode data = (ObjectNode) ce.path("data");
    Dtmi model = modelOf(data);
    Access.PropertyFilter filter = access.readable(twinId, model);
    if (filter == null) {
      return null;
    }
    boolean personal = model != null && access.treatsPersonal(twinId, model);
    String shown = access.shownId(twinId, model);
    if (filter == Access.PropertyFilter.ALL && !personal && shown.equals(twinId)) {
      return event;
    }
    if (event.type() == EventType.TWIN_PATCHED) {
      ArrayNode kept = JSON.createArrayNode();
      for (JsonNode op : data.path("patch")) {
        if (filter.shows(firstSegment(op.path("path").asText()))) {
          kept.add(op);
        }
      }
      ArrayNode seen = personal ? access.personalPatch(twinId, kept) : kept;
      if (seen.isEmpty()) {
        return null;
      }
      data.set("patch", seen);
    } else {
      ObjectNode seen = access.personal(filter.apply(data));
      ce.set("data", seen.has("$dtId") && !shown.equals(twinId) ? seen.deepCopy().put("$dtId", shown) : seen);
    }
    byte[] state = null;
    ObjectNode after = event.stateTree();
    if (after != null) {
      state = StoredDocuments.encode(access.personal(filter.apply(after)));
    }
    if (!shown.equals(twinId)) {
      ce.put("subject", shown).put("source", "/digitaltwins/" + shown); // a pseudonym needs no escaping
    }
    return new StreamEvent(event.version(), event.type(), shown, event.models(), event.relationshipName(),
        event.sourceId(), event.targetId(), JSON.writeValueAsString(ce), state);
  }

  /** A relationship event with the relationship's personal properties treated, in its document or its patch. */
  private @Nullable StreamEvent relationshipEvent(StreamEvent event) throws IOException {
    ObjectNode ce = (ObjectNode) JSON.readTree(event.json());
    if (!(ce.get("data") instanceof ObjectNode data)) {
      return event;
    }
    if (event.type() == EventType.RELATIONSHIP_DELETED) {
      ObjectNode ids = access.personalRelationship(data); // ids only
      return ids == data ? event : withIds(event, ce, ids);
    }
    if (event.type() == EventType.RELATIONSHIP_PATCHED) {
      ArrayNode seen = access.personalRelationshipPatch(data, data.path("patch"));
      if (seen.equals(data.path("patch"))) {
        return event;
      }
      if (seen.isEmpty()) {
        return null; // every operation was on a dropped property
      }
      data.set("patch", seen);
      return withIds(event, ce, access.personalRelationship(data));
    }
    ObjectNode seen = access.personalRelationship(data);
    return seen == data ? event : withIds(event, ce, seen);
  }

  /**
   * The relationship event with {@code data} in place, and its ids (envelope and event) as {@code data} shows
   * them: the caller's pseudonyms where the model marks ids personal.
   */
  private static StreamEvent withIds(StreamEvent event, ObjectNode ce, ObjectNode data) throws IOException {
    ce.set("data", data);
    String source = data.path("$sourceId").asText(event.sourceId());
    String target = data.path("$targetId").asText(event.targetId());
    String id = data.path("$relationshipId").asText();
    if (!id.isEmpty()) { // built as the stream builds it, so ids shown as they are give the same envelope
      ce.put("subject", source + "/relationships/" + id)
          .put("source", "/digitaltwins/" + segment(source) + "/relationships/" + segment(id));
    }
    return new StreamEvent(event.version(), event.type(), null, event.models(), event.relationshipName(),
        source, target, JSON.writeValueAsString(ce), event.state());
  }

  private static String segment(String id) {
    return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  private boolean readable(String twinId) {
    return access.allows(Action.READ, twinId, twinModel.apply(twinId));
  }

  private static @Nullable Dtmi modelOf(ObjectNode data) {
    JsonNode modelId = data.get("modelId");
    if (modelId != null && modelId.isTextual()) {
      try {
        return Dtmi.parse(modelId.asText());
      } catch (RuntimeException e) {
        return null;
      }
    }
    return Access.modelOf(data);
  }

  /** {@code /ownerPhone} and {@code /ownerPhone/x} are both about property {@code ownerPhone}. */
  public static String firstSegment(String pointer) {
    String rest = pointer.startsWith("/") ? pointer.substring(1) : pointer;
    int slash = rest.indexOf('/');
    return (slash < 0 ? rest : rest.substring(0, slash)).replace("~1", "/").replace("~0", "~");
  }

  @Override
  public void flush() throws IOException {
    sink.flush();
  }

  @Override
  public void heartbeat() throws IOException {
    sink.heartbeat();
  }

  @Override
  public void close(CloseReason reason) {
    sink.close(reason);
  }

  @Override
  public void abort() {
    sink.abort();
  }
}
