package io.doppel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.server.auth.AccessGuard;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code /scenarios}: stored, versioned what-if definitions ({@code PUT} checks and stores the next version),
 * and their runs: {@code POST /scenarios/{id}/runs} (202 with the run; add {@code ?version=} for an older
 * version), {@code GET /scenarios/{id}/runs/{run}} with progress and, when done, results and comparison,
 * {@code DELETE} on a run cancels it, {@code POST /scenarios/{id}/calibrate} runs the calibrated baseline.
 */
final class ScenarioRoutes {
  private final ScenarioStore store;
  private final ScenarioRuns runs;
  private final long maxBody;

  ScenarioRoutes(ScenarioStore store, ScenarioRuns runs, long maxBody) {
    this.store = store;
    this.runs = runs;
    this.maxBody = maxBody;
  }

  void addTo(RouteTable table) {
    table.get("/scenarios", this::list)
        .get("/scenarios/{id}", this::get)
        .put("/scenarios/{id}", this::put)
        .delete("/scenarios/{id}", this::delete)
        .post("/scenarios/{id}/runs", this::run)
        .get("/scenarios/{id}/runs", this::runs)
        .get("/scenarios/{id}/runs/{run}", this::result)
        .delete("/scenarios/{id}/runs/{run}", this::cancel)
        .post("/scenarios/{id}/calibrate", this::calibrate);
  }

  private void put(Context ctx) {
    String id = ctx.pathParam("id");
    boolean created = !store.exists(id);
    JsonNode body = Json.readObject(ctx, maxBody);
    Json.respond(ctx, created ? 201 : 200, store.put(id, body).describe());
  }

  private void get(Context ctx) {
    ScenarioStore.Stored s = stored(ctx);
    ObjectNode out = s.describe();
    ArrayNode versions = out.putArray("versions");
    store.versions(s.id()).forEach(versions::add);
    Json.respond(ctx, 200, out);
  }

  private void list(Context ctx) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode value = body.putArray("value");
    store.list().forEach(s -> value.add(s.describe()));
    Json.respond(ctx, 200, body);
  }

  private void delete(Context ctx) {
    store.delete(ctx.pathParam("id"));
    ctx.status(204);
  }

  private void run(Context ctx) {
    RunView run = runs.run(stored(ctx), AccessGuard.access(ctx));
    Json.respond(ctx, 202, described(ctx, run, false));
  }

  private void runs(Context ctx) {
    String id = ctx.pathParam("id");
    store.get(id);
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode value = body.putArray("value");
    runs.list(id).forEach(r -> value.add(described(ctx, r, false)));
    Json.respond(ctx, 200, body);
  }

  private void result(Context ctx) {
    Json.respond(ctx, 200, described(ctx, runs.get(ctx.pathParam("id"), ctx.pathParam("run")), true));
  }

  private void cancel(Context ctx) {
    Json.respond(ctx, 200, described(ctx, runs.cancel(ctx.pathParam("id"), ctx.pathParam("run")), false));
  }

  private void calibrate(Context ctx) {
    ScenarioStore.Stored s = stored(ctx);
    ObjectNode body = ctx.contentLength() <= 0 ? Json.MAPPER.createObjectNode() : Json.readObject(ctx, maxBody);
    Instant to = instant(body, "to", Instant.now());
    Instant from = instant(body, "from", to.minus(Duration.ofHours(1)));
    if (!from.isBefore(to)) {
      throw Requests.invalid("from", "must be before 'to'");
    }
    Json.respond(ctx, 202, described(ctx, runs.calibrate(s, from, to, AccessGuard.access(ctx)), false));
  }

  /**
   * The run as the caller may see it: its error message withheld when its fork held personal data in clear and the
   * caller may not see it all, and then the twins its results name by id go by the caller's pseudonyms where their
   * ids are personal (a fork of such a caller's own holds pseudonyms already).
   */
  private static ObjectNode described(Context ctx, RunView run, boolean full) {
    var access = AccessGuard.access(ctx);
    boolean sees = access.seesAllPersonalData();
    ObjectNode out = run.describe(full, sees);
    return run.personalInClear() && !sees ? PersonalIdsInAnswer.shown(out, access) : out;
  }

  private ScenarioStore.Stored stored(Context ctx) {
    String id = ctx.pathParam("id");
    String version = ctx.queryParam("version");
    if (version == null) {
      return store.get(id);
    }
    try {
      int v = Integer.parseInt(version.trim());
      if (v < 1) {
        throw new NumberFormatException();
      }
      return store.get(id, v);
    } catch (NumberFormatException e) {
      throw Requests.invalid("version", "must be a positive integer, not '" + version + "'");
    }
  }

  private static Instant instant(ObjectNode body, String field, Instant fallback) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    try {
      return Instant.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw Requests.invalid(field, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, was '" + v.asText()
          + "'");
    }
  }
}
