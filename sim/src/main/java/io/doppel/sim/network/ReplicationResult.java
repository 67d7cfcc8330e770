package io.doppel.sim.network;

import io.doppel.sim.kernel.StopReason;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One replication: why and when it stopped, how many events it processed, the length of the measured period
 * (end minus warm-up), per-station and network figures, and the time series when windows were asked for.
 */
public record ReplicationResult(
    int replication,
    StopReason stopReason,
    double endTime,
    long events,
    double measuredTime,
    List<StationResult> stations,
    NetworkResult network,
    @Nullable TimeSeries series) {}
