package io.doppel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.Ingestor;
import io.doppel.ingest.Outcome;
import io.doppel.ingest.spi.DeadLetter;
import io.doppel.ingest.spi.DeadLetterStore;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code /deadletters}: messages that could not be mapped or applied, listed oldest first, read, deleted, and
 * replayed through the current mappings ({@code POST /deadletters:replay} for all or a filtered set,
 * {@code POST /deadletters/{id}:replay} for one). A replayed letter that applies is removed; one that fails again
 * stays, with the new reason.
 */
final class DeadLetterRoutes {
  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_PAGE = 1000;
  /** One replay call handles at most this many letters; the answer says when more are left. */
  private static final int MAX_REPLAY = 10_000;

  private final Ingestor ingestor;
  private final DeadLetterStore letters;
  private final long maxBody;

  DeadLetterRoutes(Ingestor ingestor, long maxBody) {
    this.ingestor = ingestor;
    this.letters = ingestor.deadLetters();
    this.maxBody = maxBody;
  }

  void addTo(RouteTable table) {
    table.get("/deadletters", this::list)
        .get("/deadletters/{id}", this::get)
        .delete("/deadletters/{id}", this::delete)
        .post("/deadletters:replay", this::replayAll)
        .post("/deadletters/{id}:replay", this::replayOne);
  }

  private void list(Context ctx) {
    long after = number(ctx.queryParam("after"), "after", 0, 0);
    int max = (int) number(ctx.queryParam("maxItems"), "maxItems", DEFAULT_PAGE, 1);
    if (max > MAX_PAGE) {
      throw Requests.invalid("maxItems", "must be between 1 and " + MAX_PAGE + ", got " + max);
    }
    List<DeadLetter> page = letters.list(after, max, emptyToNull(ctx.queryParam("connector")));
    ObjectNode body = Json.MAPPER.createObjectNode().put("count", letters.count()).put("bytes", letters.bytes())
        .put("evicted", letters.evicted());
    ArrayNode value = body.putArray("value");
    page.forEach(l -> value.add(IngestJson.letter(l)));
    body.put("nextAfter", page.size() == max ? page.get(page.size() - 1).id() : null);
    Json.respond(ctx, 200, body);
  }

  private void get(Context ctx) {
    Json.respond(ctx, 200, IngestJson.letter(letter(ctx)));
  }

  private void delete(Context ctx) {
    long id = id(ctx);
    if (!letters.remove(id)) {
      throw notFound(id);
    }
    ctx.status(204);
  }

  private void replayOne(Context ctx) {
    DeadLetter letter = letter(ctx);
    Json.respond(ctx, 200, result(letter, Requests.await(ingestor.replay(letter))));
  }

  /** Body (optional): {@code {"connector"?, "after"?, "maxItems"?}}; letters are replayed oldest first, one by one. */
  private void replayAll(Context ctx) {
    boolean hasBody = ctx.contentLength() > 0 || (ctx.contentLength() < 0 && ctx.header("Transfer-Encoding") != null);
    ObjectNode filter = hasBody ? Json.readObject(ctx, maxBody) : Json.MAPPER.createObjectNode();
    String connector = filter.hasNonNull("connector") ? filter.get("connector").asText() : null;
    long after = filter.path("after").asLong(0);
    int max = filter.has("maxItems") ? filter.get("maxItems").asInt() : MAX_REPLAY;
    if (max < 1 || max > MAX_REPLAY) {
      throw Requests.invalid("maxItems", "must be between 1 and " + MAX_REPLAY + ", got " + filter.get("maxItems"));
    }
    int applied = 0;
    int failed = 0;
    ArrayNode results = Json.MAPPER.createArrayNode();
    long last = after;
    boolean more = false;
    while (applied + failed < max) {
      List<DeadLetter> page = letters.list(last, Math.min(500, max - applied - failed), connector);
      if (page.isEmpty()) {
        break;
      }
      for (DeadLetter letter : page) {
        Outcome outcome = Requests.await(ingestor.replay(letter));
        results.add(result(letter, outcome));
        if (outcome.isApplied()) {
          applied++;
        } else {
          failed++;
        }
        last = letter.id();
      }
      more = applied + failed >= max && !letters.list(last, 1, connector).isEmpty();
    }
    ObjectNode body = Json.MAPPER.createObjectNode().put("replayed", applied + failed).put("applied", applied)
        .put("failed", failed).put("remaining", letters.count());
    body.put("nextAfter", more ? last : null);
    body.set("results", results);
    Json.respond(ctx, 200, body);
  }

  private static ObjectNode result(DeadLetter letter, Outcome outcome) {
    ObjectNode n = Json.MAPPER.createObjectNode().put("id", letter.id()).put("applied", outcome.isApplied());
    if (outcome.isApplied()) {
      n.put("updates", outcome.updates());
    } else {
      DeadLetter now = outcome.deadLetter();
      n.put("reason", now.reason()).put("detail", now.detail()).put("mapping", now.mapping());
    }
    return n;
  }

  private DeadLetter letter(Context ctx) {
    long id = id(ctx);
    return letters.get(id).orElseThrow(() -> notFound(id));
  }

  private static long id(Context ctx) {
    return number(ctx.pathParam("id"), "id", 0, 1);
  }

  private static long number(@org.jspecify.annotations.Nullable String text, String name, long fallback, long min) {
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      long v = Long.parseLong(text.trim());
      if (v < min) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw Requests.invalid(name, "must be an integer of at least " + min + ", not '" + text + "'");
    }
  }

  private static @org.jspecify.annotations.Nullable String emptyToNull(@org.jspecify.annotations.Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static DoppelException notFound(long id) {
    return new DoppelException(ErrorCode.DEAD_LETTER_NOT_FOUND, "no dead letter " + id);
  }

}
