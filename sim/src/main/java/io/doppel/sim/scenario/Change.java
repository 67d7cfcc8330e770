package io.doppel.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** One change a scenario makes to its copy of the twin graph or to its workload. Times are seconds from the run's start. */
public sealed interface Change {
  /** Sets one property of a twin (e.g. {@code replicas}); a null value removes it. */
  record SetProperty(String twin, String property, @Nullable JsonNode value) implements Change {}

  /** Sets one property of a flow relationship (e.g. its call probability). */
  record SetRelationshipProperty(String relationship, String property, @Nullable JsonNode value) implements Change {}

  record AddTwin(String twin, String model, ObjectNode properties) implements Change {}

  record RemoveTwin(String twin) implements Change {}

  record AddRelationship(String relationship, String source, String target, String name, ObjectNode properties)
      implements Change {}

  record RemoveRelationship(String relationship) implements Change {}

  /** The twin gives no service in {@code [start, start + duration)}. */
  record Fail(String twin, double start, double duration) implements Change {}

  /** Every source's rate (or one source's) is multiplied by {@code factor} in {@code [start, start + duration)}. */
  record Demand(double factor, double start, double duration, @Nullable String source) implements Change {}

  /** Extra requests at {@code rate} per second sent straight to a twin in {@code [start, start + duration)}. */
  record Flood(String twin, double rate, double start, double duration) implements Change {}
}
