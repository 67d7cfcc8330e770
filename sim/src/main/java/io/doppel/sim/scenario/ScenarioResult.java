package io.doppel.sim.scenario;

import java.util.List;

/**
 * Baseline and scenario results side by side, and their comparison per metric (network first, then twins);
 * {@code baselineReused} when the baseline's replications were those of an identical baseline simulated before.
 */
public record ScenarioResult(
    RunResult baseline, RunResult scenario, List<MetricComparison> comparison, boolean baselineReused) {}
