package io.doppel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.server.auth.Access;
import io.doppel.server.auth.AccessGuard;
import io.doppel.server.auth.AuthFailure;
import io.javalin.http.Context;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the routes return, cut down to what the caller may see ({@link AccessGuard} has already checked the route's
 * permission; this removes the twins and properties inside the answer the caller's policies do not show).
 */
final class Visibility {
  private Visibility() {}

  /** The twin as the caller may see it, or null when they may not read it. */
  static @Nullable ObjectNode twin(Context ctx, ObjectNode twin) {
    return AccessGuard.access(ctx).twin(twin);
  }

  /**
   * A twin in a bulk answer (the twin listing): {@link #twin}, then its personal properties pseudonymised or dropped
   * unless the caller may see them in clear. Single-twin reads keep personal values ({@link #twin} only).
   */
  static @Nullable ObjectNode listed(Context ctx, ObjectNode twin) {
    Access access = AccessGuard.access(ctx);
    ObjectNode seen = access.twin(twin);
    return seen == null ? null : access.personal(seen);
  }

  /**
   * Whether the caller sees the series {@code name} of the twin (its property, or its component's: series are named
   * {@code component/name}); a personal series they may only see dropped is not shown either.
   */
  static boolean showsSeries(Context ctx, String twinId, String name) {
    Access access = AccessGuard.access(ctx);
    String top = name.split("[/.]", 2)[0];
    return access.showsProperty(twinId, top)
        && access.personalSeries(twinId, name) != io.doppel.model.PersonalTreatment.DROP;
  }

  static void requireSeries(Context ctx, String twinId, String name) {
    if (!showsSeries(ctx, twinId, name)) {
      throw AuthFailure.forbidden(AccessGuard.access(ctx).principal().id() + " may not read '" + name + "' of "
          + twinId);
    }
  }

  /** Whether each value of the series reaches the caller as a pseudonym. */
  static boolean pseudonymisesSeries(Context ctx, String twinId, String name) {
    return AccessGuard.access(ctx).personalSeries(twinId, name) == io.doppel.model.PersonalTreatment.PSEUDONYMISE;
  }

  /** Refuses (403) a write naming a property the caller may not write. */
  static void requireWritable(Context ctx, String twinId, Iterable<String> properties) {
    Access access = AccessGuard.access(ctx);
    if (access.everything()) {
      return;
    }
    for (String name : properties) {
      if (!access.allowsProperty(io.doppel.server.auth.Action.WRITE, twinId, name)) {
        throw AuthFailure.forbidden(access.principal().id() + " may not write '" + name + "' of " + twinId);
      }
    }
  }

  /** The properties a JSON Patch touches: the first segment of each operation's path (and {@code from}). */
  static List<String> patchedProperties(JsonNode patch) {
    List<String> names = new java.util.ArrayList<>();
    for (JsonNode op : patch) {
      for (String field : new String[] {"path", "from"}) {
        JsonNode pointer = op.get(field);
        if (pointer != null && pointer.isTextual()) {
          names.add(io.doppel.server.auth.EventFilter.firstSegment(pointer.asText()));
        }
      }
    }
    return names;
  }

  /** The impact answer without the twins (and paths through twins) the caller may not read. */
  static ObjectNode impact(Context ctx, ObjectNode answer) {
    Access access = AccessGuard.access(ctx);
    if (access.everything()) {
      return answer;
    }
    com.fasterxml.jackson.databind.node.ArrayNode kept = Json.MAPPER.createArrayNode();
    for (JsonNode twin : answer.path("impacted")) {
      // the answer names twins as the caller's view does (pseudonyms where ids are personal): decided on clear ids
      boolean visible = access.reads(access.clearId(twin.path("$dtId").asText()));
      for (JsonNode hop : twin.path("path")) {
        visible &= access.reads(access.clearId(hop.path("$sourceId").asText()))
            && access.reads(access.clearId(hop.path("$targetId").asText()));
      }
      if (visible) {
        kept.add(twin);
      }
    }
    answer.set("impacted", kept);
    return answer;
  }

  /**
   * One entry of a twin's change history as the caller may see it, or null: hidden properties removed, personal
   * ones pseudonymised or dropped as in queries (the history is a bulk answer too).
   */
  static @Nullable ObjectNode change(Access access, String twinId, ObjectNode change) {
    if (access.everything()) {
      return change;
    }
    if (change.has("targetId") && !access.reads(change.path("targetId").asText())) {
      return null;
    }
    JsonNode twin = change.get("twin");
    io.doppel.model.Dtmi model = twin == null ? null : io.doppel.server.auth.Access.modelOfTwin(twin);
    Access.PropertyFilter filter = access.readable(twinId, model);
    if (filter == null) {
      return null;
    }
    if (twin instanceof ObjectNode document) {
      change.set("twin", access.personalValues(filter.apply(document))); // the twin asked for keeps its id
    }
    JsonNode patch = change.get("patch");
    if (patch != null && patch.isArray() && !change.has("relationshipId")) {
      com.fasterxml.jackson.databind.node.ArrayNode kept = Json.MAPPER.createArrayNode();
      patch.forEach(op -> {
        if (filter.shows(io.doppel.server.auth.EventFilter.firstSegment(op.path("path").asText()))) {
          kept.add(op);
        }
      });
      change.set("patch", access.personalPatch(twinId, kept));
    }
    if (change.has("relationshipId")) {
      relationshipChange(access, twinId, change);
    }
    return change;
  }

  /** A relationship's entry: its personal properties treated in the document and the patch, as in relationship reads. */
  private static void relationshipChange(Access access, String sourceId, ObjectNode change) {
    ObjectNode ids = Json.MAPPER.createObjectNode().put("$sourceId", sourceId)
        .put("$relationshipName", change.path("relationshipName").asText());
    if (change.get("relationship") instanceof ObjectNode document) {
      change.set("relationship", access.personalRelationshipRead(document.deepCopy().setAll(ids), sourceId));
    }
    // the source is the twin asked for; the other end and the relationship's id as relationship reads give them
    if (change.get("targetId") instanceof com.fasterxml.jackson.databind.node.TextNode target) {
      change.put("targetId", access.shownId(target.asText()));
    }
    if (change.get("relationshipId") instanceof com.fasterxml.jackson.databind.node.TextNode id) {
      change.put("relationshipId", access.shownRelationshipId(id.asText(), sourceId,
          change.path("relationshipName").asText()));
    }
    if (change.get("patch") instanceof com.fasterxml.jackson.databind.node.ArrayNode patch) {
      change.set("patch", access.personalRelationshipPatch(ids, patch));
    }
  }
}
