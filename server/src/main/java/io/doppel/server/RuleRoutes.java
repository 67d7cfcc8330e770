package io.doppel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.stream.rules.Alert;
import io.doppel.stream.rules.AlertState;
import io.doppel.stream.rules.RuleEngine;
import io.doppel.stream.rules.RuleStatus;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Rules and their alerts: {@code PUT/GET/DELETE /rules/{id}}, {@code GET /rules} (with each rule's counters) and
 * {@code GET /alerts}. A rule that does not fit its model is refused with 400 {@code RULE_INVALID} naming the field
 * (and the line:column, in an expression).
 */
final class RuleRoutes {
  private static final Set<String> ALERT_PARAMETERS = Set.of("state", "rule", "twin", "api-version");

  private final RuleEngine rules;
  private final long maxBody;

  RuleRoutes(RuleEngine rules, long maxBody) {
    this.rules = rules;
    this.maxBody = maxBody;
  }

  void addTo(RouteTable table) {
    table.get("/rules", this::list)
        .put("/rules/{id}", this::define)
        .get("/rules/{id}", ctx -> Json.respond(ctx, 200, json(rules.get(ctx.pathParam("id")))))
        .delete("/rules/{id}", this::delete)
        .get("/alerts", this::alerts);
  }

  private void list(Context ctx) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode value = out.putArray("value");
    rules.list().forEach(r -> value.add(json(r)));
    Json.respond(ctx, 200, out);
  }

  private void define(Context ctx) {
    ObjectNode body = Json.readObject(ctx, maxBody);
    Json.respond(ctx, 200, json(rules.define(ctx.pathParam("id"), body)));
  }

  private void delete(Context ctx) {
    rules.delete(ctx.pathParam("id"));
    ctx.status(204);
  }

  private void alerts(Context ctx) {
    for (String name : ctx.queryParamMap().keySet()) {
      if (!ALERT_PARAMETERS.contains(name)) {
        throw Requests.invalid(name, "unknown parameter (GET /alerts takes state, rule and twin)");
      }
    }
    String stateText = ctx.queryParam("state");
    AlertState state = null;
    if (stateText != null && !stateText.isBlank()) {
      state = AlertState.parse(stateText);
      if (state == null || state == AlertState.OK) {
        throw Requests.invalid("state", "expected active or pending, got '" + stateText + "'");
      }
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode value = out.putArray("value");
    for (Alert a : rules.alerts(state, blankToNull(ctx.queryParam("rule")), blankToNull(ctx.queryParam("twin")))) {
      ObjectNode alert = value.addObject().put("rule", a.ruleId()).put("twin", a.twinId())
          .put("state", a.state().label()).put("severity", a.severity()).put("since", a.since().toString());
      putTime(alert, "raisedAt", a.raisedAt());
    }
    Json.respond(ctx, 200, out);
  }

  private static ObjectNode json(RuleStatus s) {
    ObjectNode out = s.definition().toJson();
    ObjectNode stats = out.putObject("stats").put("evaluations", s.evaluations()).put("writes", s.writes())
        .put("errors", s.errors());
    if (s.lastError() != null) {
      stats.put("lastError", s.lastError());
    }
    putTime(stats, "lastErrorAt", s.lastErrorAt());
    if (s.definition().kind() == io.doppel.stream.rules.RuleDefinition.Kind.ALERT) {
      stats.put("raised", s.raised()).put("cleared", s.cleared()).put("active", s.active())
          .put("pending", s.pending());
    }
    if (s.problem() != null) {
      out.put("problem", s.problem());
    }
    return out;
  }

  private static void putTime(ObjectNode node, String name, @Nullable Instant time) {
    if (time != null) {
      node.put(name, time.toString());
    }
  }

  private static @Nullable String blankToNull(@Nullable String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
