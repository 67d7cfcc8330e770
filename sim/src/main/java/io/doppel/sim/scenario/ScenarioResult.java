package io.doppel.sim.scenario;

import java.util.List;

/** Baseline and scenario results side by side, and their comparison per metric (network first, then twins). */
public record ScenarioResult(RunResult baseline, RunResult scenario, List<MetricComparison> comparison) {}
