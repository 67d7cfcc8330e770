package io.doppel.stream.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.doppel.model.Dtmi;
import io.doppel.model.ModelCatalog;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.Origin;
import io.doppel.twin.Page;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import io.doppel.twin.TwinView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One batch of the worker: the (rule, twin) pairs its changes can alter, each evaluated once against the twins as
 * they are now, and the results written back. Owned by the worker thread.
 */
final class Evaluation {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int PAGE = 1000;

  private final TwinEngine engine;
  private final LatestTelemetry telemetry;
  private final AlertTracker alerts;
  private final Clock clock;
  private final Consumer<AlertTransition> transitions;
  private final Triggers triggers;
  /** This batch's writes: sent together, so that one group commit makes them all durable. */
  private final List<CompletableFuture<?>> writes = new ArrayList<>();

  Evaluation(TwinEngine engine, LatestTelemetry telemetry, AlertTracker alerts, Clock clock,
      Consumer<AlertTransition> transitions) {
    this.engine = engine;
    this.telemetry = telemetry;
    this.alerts = alerts;
    this.clock = clock;
    this.transitions = transitions;
    this.triggers = new Triggers(engine);
  }

  LatestTelemetry telemetry() {
    return telemetry;
  }

  void run(List<Work> batch, Map<String, Rule> rules, Map<String, RuleStats> stats, boolean resync) {
    ModelCatalog catalog = engine.catalog();
    Collection<Rule> all = rules.values();
    Set<Target> targets = new LinkedHashSet<>();
    Instant now = clock.instant();
    triggers.newBatch();
    if (resync) {
      everyTwin(all, catalog, targets);
    }
    for (Work w : batch) {
      switch (w) {
        case Work.Change c -> {
          if (c.event() instanceof TwinEvent.TwinDeleted d) {
            telemetry.forget(d.twinId());
            alerts.forgetTwin(d.twinId(), now).forEach(transitions);
          }
          triggers.collect(c.event(), all, catalog, targets);
        }
        case Work.Telemetry t -> {
          Set<String> names = telemetry.record(t.twinId(), t.component(), t.message());
          if (!names.isEmpty()) {
            triggers.telemetry(t.twinId(), names, all, catalog, targets);
          }
        }
        case Work.Defined d -> {
          alerts.forgetRule(d.ruleId(), now).forEach(transitions);
          Rule rule = rules.get(d.ruleId());
          if (rule != null) {
            everyTwin(List.of(rule), catalog, targets);
          }
        }
        case Work.Deleted d -> alerts.forgetRule(d.ruleId(), now).forEach(transitions);
        case Work.Recheck r -> all.forEach(rule -> targets.add(new Target(rule.id(), r.twinId())));
      }
    }
    targets.addAll(alerts.due(now));
    Map<String, @Nullable JsonNode> documents = new HashMap<>();
    for (Target target : targets) {
      Rule rule = rules.get(target.ruleId());
      RuleStats s = stats.get(target.ruleId());
      if (rule != null && s != null) {
        evaluate(rule, target.twinId(), catalog, documents, s, now);
      }
    }
    // Waited for before the next batch, so that it reads what this one wrote and never writes a value twice.
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    writes.clear();
  }

  /** Every twin of a model {@code rules} apply to, read page by page. */
  private void everyTwin(Collection<Rule> rules, ModelCatalog catalog, Set<Target> out) {
    if (rules.isEmpty()) {
      return;
    }
    String continuation = null;
    do {
      Page<TwinView> page = engine.listTwins(continuation, PAGE);
      for (TwinView twin : page.items()) {
        Dtmi model = modelOf(twin.json());
        for (Rule rule : rules) {
          if (model != null && catalog.isA(model, rule.definition().model())) {
            out.add(new Target(rule.id(), twin.id()));
          }
        }
      }
      continuation = page.continuation();
    } while (continuation != null);
  }

  private void evaluate(Rule rule, String twinId, ModelCatalog catalog, Map<String, @Nullable JsonNode> documents,
      RuleStats stats, Instant now) {
    JsonNode doc;
    try {
      doc = engine.getTwin(twinId).json();
    } catch (DoppelException e) {
      return; // deleted since the change: its deletion is handled on its own
    }
    Dtmi model = modelOf(doc);
    if (model == null || !catalog.isA(model, rule.definition().model())) {
      return; // a neighbour of a twin the rule applies to, not one itself
    }
    stats.evaluations.incrementAndGet();
    try {
      TwinScope scope = new TwinScope(engine, twinId, doc, telemetry, documents);
      if (rule.derived()) {
        JsonNode want = result(rule, Evaluator.eval(rule.expression(), scope));
        if (write(rule, twinId, doc, rule.writes(), want, stats)) {
          documents.remove(twinId);
        }
        return;
      }
      boolean condition = Evaluator.holds(rule.condition(), scope);
      boolean clear = rule.clear() == null ? !condition : Evaluator.holds(rule.clear(), scope);
      AlertTransition t = alerts.update(rule, twinId, condition, clear, now, stored(rule, doc));
      if (t != null) {
        transitions.accept(t);
      }
      AlertState state = alerts.state(new Target(rule.id(), twinId));
      // A twin without the property is as good as ok: defining an alert must not write every twin of its model.
      if (rule.writes() != null && (doc.hasNonNull(rule.writes()) || state != AlertState.OK)) {
        JsonNode want = rule.writeType() == Type.BOOLEAN ? NODES.booleanNode(state == AlertState.ACTIVE)
            : NODES.textNode(state.label());
        if (write(rule, twinId, doc, rule.writes(), want, stats)) {
          documents.remove(twinId);
        }
      }
    } catch (RuntimeException e) {
      // One twin's failure (a refused write, too many neighbours) must not cost the rest of the batch.
      stats.error("twin '" + twinId + "': " + e.getMessage(), now);
    }
  }

  /** The alert state written in the twin's alert property, if the rule has one and the twin holds it. */
  private static @Nullable AlertState stored(Rule rule, JsonNode doc) {
    if (rule.writes() == null) {
      return null;
    }
    JsonNode v = doc.get(rule.writes());
    if (v == null) {
      return null;
    }
    return v.isBoolean() ? (v.booleanValue() ? AlertState.ACTIVE : AlertState.OK)
        : v.isTextual() ? AlertState.parse(v.textValue()) : null;
  }

  /** An expression's value as the JSON the target takes; null removes the target (no value, e.g. no neighbours). */
  private static @Nullable JsonNode result(Rule rule, @Nullable Object value) {
    return switch (value) {
      case null -> null;
      case Double d when rule.writeType() == Type.NUMBER ->
          rule.integerTarget() ? NODES.numberNode(Math.round(d)) : NODES.numberNode(d);
      case Boolean b when rule.writeType() == Type.BOOLEAN -> NODES.booleanNode(b);
      case String s when rule.writeType() == Type.STRING -> NODES.textNode(s);
      default -> throw new IllegalStateException("the expression gave " + value + " but '" + rule.writes()
          + "' takes a " + rule.writeType().label());
    };
  }

  /**
   * Sends {@code want} to the twin's {@code property} unless it holds that already; true when it sent it. The write
   * is counted once durable; a refusal found on this thread throws, one found by the engine's writer is counted as
   * the rule's error.
   */
  private boolean write(Rule rule, String twinId, JsonNode doc, @Nullable String property, @Nullable JsonNode want,
      RuleStats stats) {
    JsonNode have = doc.get(property);
    if (same(have, want)) {
      return false;
    }
    ArrayNode patch = NODES.arrayNode();
    if (want == null) {
      patch.addObject().put("op", "remove").put("path", "/" + property);
    } else {
      patch.addObject().put("op", "add").put("path", "/" + property).set("value", want);
    }
    writes.add(engine.patchTwinAsync(twinId, patch, Precondition.none(), Origin.of("rule", rule.id()))
        .handle((ok, failure) -> {
          Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
          if (cause == null) {
            stats.writes.incrementAndGet();
          } else if (!(cause instanceof DoppelException d && d.code() == ErrorCode.TWIN_NOT_FOUND)) {
            stats.error("twin '" + twinId + "': " + cause.getMessage(), clock.instant());
          } // else deleted meanwhile: nothing to keep up to date
          return null;
        }));
    return true;
  }

  private static boolean same(@Nullable JsonNode have, @Nullable JsonNode want) {
    if (have == null || have.isNull() || want == null) {
      return (have == null || have.isNull()) && want == null;
    }
    if (have.isNumber() && want.isNumber()) {
      return have.doubleValue() == want.doubleValue();
    }
    return have.equals(want);
  }

  private static @Nullable Dtmi modelOf(JsonNode twin) {
    String text = twin.path("$metadata").path("$model").asText("");
    return Dtmi.isValid(text) ? Dtmi.parse(text) : null;
  }
}
