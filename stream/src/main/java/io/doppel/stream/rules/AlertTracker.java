package io.doppel.stream.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The state machine of every alert rule for every twin: {@code ok} to {@code pending} when the condition starts to
 * hold, to {@code active} once it has held for the rule's {@code for} (at once without one), back to {@code ok} when
 * the clear condition holds (hysteresis: between the two nothing changes). A pending alert whose condition stops
 * holding goes back to {@code ok} without having been raised. Only pending and active alerts take memory.
 * Updated by the rule engine's worker; read by the API from any thread.
 */
final class AlertTracker {
  private record Entry(AlertState state, String severity, Instant since, @Nullable Instant raisedAt,
      @Nullable Instant dueAt) {}

  private final Map<Target, Entry> entries = new ConcurrentHashMap<>();

  /**
   * Moves {@code rule}'s alert for {@code twinId} by what its conditions say now; returns the transition, if any.
   * {@code stored} is the state written in the twin's alert property, which an alert not tracked yet (after a
   * restart) starts from, so that an alert active before the restart is not cleared and raised again.
   */
  @Nullable AlertTransition update(Rule rule, String twinId, boolean condition, boolean clear, Instant now,
      @Nullable AlertState stored) {
    Target key = new Target(rule.id(), twinId);
    RuleDefinition d = rule.definition();
    Entry entry = entries.get(key);
    if (entry == null && stored == AlertState.ACTIVE) {
      entry = new Entry(AlertState.ACTIVE, d.severity(), now, now, null);
      entries.put(key, entry);
    }
    AlertState from = entry == null ? AlertState.OK : entry.state();
    Entry next = switch (from) {
      case OK -> !condition ? null : d.holdFor().isZero()
          ? new Entry(AlertState.ACTIVE, d.severity(), now, now, null)
          : new Entry(AlertState.PENDING, d.severity(), now, null, now.plus(d.holdFor()));
      case PENDING -> !condition ? new Entry(AlertState.OK, d.severity(), now, null, null)
          : !now.isBefore(entry.dueAt()) ? new Entry(AlertState.ACTIVE, d.severity(), now, now, null) : null;
      case ACTIVE -> clear ? new Entry(AlertState.OK, d.severity(), now, entry.raisedAt(), null) : null;
    };
    if (next == null) {
      return null;
    }
    if (next.state() == AlertState.OK) {
      entries.remove(key);
    } else {
      entries.put(key, next);
    }
    return new AlertTransition(rule.id(), twinId, from, next.state(), d.severity(), now);
  }

  /** The pending alerts whose hold has run out by {@code now}: they must be looked at again. */
  List<Target> due(Instant now) {
    List<Target> out = new ArrayList<>();
    entries.forEach((k, e) -> {
      if (e.state() == AlertState.PENDING && e.dueAt() != null && !now.isBefore(e.dueAt())) {
        out.add(k);
      }
    });
    return out;
  }

  /** Drops every alert of the twin (it was deleted); returns how each active or pending one ended. */
  List<AlertTransition> forgetTwin(String twinId, Instant now) {
    return forget(k -> k.twinId().equals(twinId), now);
  }

  /** Drops every alert of the rule (it was deleted or redefined). */
  List<AlertTransition> forgetRule(String ruleId, Instant now) {
    return forget(k -> k.ruleId().equals(ruleId), now);
  }

  private List<AlertTransition> forget(java.util.function.Predicate<Target> which, Instant now) {
    List<AlertTransition> out = new ArrayList<>();
    entries.entrySet().removeIf(e -> {
      if (!which.test(e.getKey())) {
        return false;
      }
      out.add(new AlertTransition(e.getKey().ruleId(), e.getKey().twinId(), e.getValue().state(), AlertState.OK,
          e.getValue().severity(), now));
      return true;
    });
    return out;
  }

  /** The pending and active alerts, optionally of one state, rule or twin, ordered by rule then twin. */
  List<Alert> list(@Nullable AlertState state, @Nullable String ruleId, @Nullable String twinId) {
    List<Alert> out = new ArrayList<>();
    entries.forEach((k, e) -> {
      if ((state == null || e.state() == state) && (ruleId == null || k.ruleId().equals(ruleId))
          && (twinId == null || k.twinId().equals(twinId))) {
        out.add(new Alert(k.ruleId(), k.twinId(), e.state(), e.severity(), e.since(), e.raisedAt()));
      }
    });
    out.sort(Comparator.comparing(Alert::ruleId).thenComparing(Alert::twinId));
    return out;
  }

  long count(String ruleId, AlertState state) {
    return entries.entrySet().stream()
        .filter(e -> e.getKey().ruleId().equals(ruleId) && e.getValue().state() == state).count();
  }

  /** The state the alert is in now ({@code ok} when not tracked). */
  AlertState state(Target target) {
    Entry e = entries.get(target);
    return e == null ? AlertState.OK : e.state();
  }
}
