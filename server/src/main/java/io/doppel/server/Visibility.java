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
   * A query result row: each twin in it is filtered; a row with a twin the caller may not read is dropped (null).
   * A caller whose reading is restricted gets no projected values or aggregates, which cannot be attributed to a
   * twin's properties: those columns are removed.
   */
  static @Nullable JsonNode row(Access access, JsonNode row) {
    if (access.everything() || access.allowsEverywhere(io.doppel.server.auth.Action.READ)) {
      return row;
    }
    if (row instanceof ObjectNode object && object.has("$dtId")) {
      return access.twin(object);
    }
    if (!(row instanceof ObjectNode object)) {
      return null;
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    for (var it = object.fields(); it.hasNext(); ) {
      var field = it.next();
      if (field.getValue() instanceof ObjectNode twin && twin.has("$dtId")) {
        ObjectNode seen = access.twin(twin);
        if (seen == null) {
          return null;
        }
        out.set(field.getKey(), seen);
      }
    }
    return out.isEmpty() ? null : out;
  }

  /** The page with each row filtered ({@link #row}); the continuation stays, so paging goes on. */
  static io.doppel.query.QueryPage page(Access access, io.doppel.query.QueryPage page) {
    if (access.everything()) {
      return page;
    }
    List<JsonNode> rows = new java.util.ArrayList<>();
    for (JsonNode row : page.value()) {
      JsonNode seen = row(access, row);
      if (seen != null) {
        rows.add(seen);
      }
    }
    return new io.doppel.query.QueryPage(rows, page.continuationToken());
  }

  /** Whether the caller sees the series {@code name} of the twin (its property, or its component's). */
  static boolean showsSeries(Context ctx, String twinId, String name) {
    int cut = name.indexOf('.');
    return AccessGuard.access(ctx).showsProperty(twinId, cut < 0 ? name : name.substring(0, cut));
  }

  static void requireSeries(Context ctx, String twinId, String name) {
    if (!showsSeries(ctx, twinId, name)) {
      throw AuthFailure.forbidden(AccessGuard.access(ctx).principal().id() + " may not read '" + name + "' of "
          + twinId);
    }
  }
}
