package io.doppel.stream.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.TwinEvent;
import org.jspecify.annotations.Nullable;

/** What the rule engine's worker is handed, in order. */
sealed interface Work {
  /** A durable engine change. */
  record Change(TwinEvent event) implements Work {}

  /** Durable telemetry of a twin (or of one of its components). */
  record Telemetry(String twinId, @Nullable String component, ObjectNode message) implements Work {}

  /** A rule was defined or redefined: forget its old alerts, evaluate it over every twin it applies to. */
  record Defined(String ruleId) implements Work {}

  /** Something rules read about a twin changed outside the engine (a warning came or went): evaluate its rules. */
  record Recheck(String twinId) implements Work {}

  /** A rule was deleted: forget its alerts. */
  record Deleted(String ruleId) implements Work {}
}
