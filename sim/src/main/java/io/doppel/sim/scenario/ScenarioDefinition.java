package io.doppel.sim.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A what-if: the twin graph it starts from ({@code base} null means now), the changes it makes, the arrival
 * processes that replace sources' own rates (for baseline and scenario alike), and how to run.
 */
public record ScenarioDefinition(
    String name,
    String description,
    @Nullable Instant base,
    List<Change> changes,
    Map<String, ArrivalSpec> workload,
    RunSettings run) {
  public ScenarioDefinition {
    changes = List.copyOf(changes);
    workload = Map.copyOf(workload);
  }
}
