package io.doppel.server;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.doppel.history.Point;
import io.doppel.server.auth.Access;
import io.doppel.server.auth.AccessGuard;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * History points of personal series as the caller gets them: each value of a series whose property is co-typed
 * {@code Personal} becomes its pseudonym (the same one the value has in twin documents, for texts and numbers), for
 * a caller without {@code personal} on it. Counts are not values and stay as they are. Asked once per series.
 */
final class PersonalPoints {
  private final Access access;
  private final String twinId;
  private final Map<String, Boolean> pseudonymised = new HashMap<>();

  private PersonalPoints(Access access, String twinId) {
    this.access = access;
    this.twinId = twinId;
  }

  static PersonalPoints of(Context ctx, String twinId) {
    return new PersonalPoints(AccessGuard.access(ctx), twinId);
  }

  /** The pseudonym to send instead of the point's value, or null to send the value. */
  @Nullable String pseudonym(String series, Point p, boolean counts) {
    if (counts || access.everything()) {
      return null;
    }
    boolean personal = pseudonymised.computeIfAbsent(series,
        s -> access.personalSeries(twinId, s) == io.doppel.model.PersonalTreatment.PSEUDONYMISE);
    if (!personal) {
      return null;
    }
    return access.pseudonyms().pseudonym(p.isText() ? TextNode.valueOf(p.text()) : DoubleNode.valueOf(p.value()));
  }
}
