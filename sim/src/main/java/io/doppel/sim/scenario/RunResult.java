package io.doppel.sim.scenario;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One side of a scenario run (baseline or scenario): network and per-twin metrics with intervals (metric JSON name
 * to {@link Stat}), stop reasons, events, the compiler's warnings, and time series averaged over the replications
 * per window ({@code network.throughput}, {@code <twin>.utilisation} ...; null where a window had no value), with
 * the 95% interval of each window's mean over the replications in {@code seriesLow}/{@code seriesHigh} (null where
 * fewer than two replications had a value). Runs archived before the intervals existed read them as null.
 */
public record RunResult(
    Map<String, Stat> network,
    Map<String, Map<String, Stat>> twins,
    Map<String, Integer> stopReasons,
    boolean complete,
    long events,
    List<String> warnings,
    double window,
    Map<String, List<Double>> series,
    @Nullable Map<String, List<Double>> seriesLow,
    @Nullable Map<String, List<Double>> seriesHigh) {}
