package io.doppel.sim.network;

import io.doppel.sim.kernel.StopReason;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One replication: why and when it stopped, how many events it processed, the length of the measured period
 * (end minus warm-up), per-station and network figures, the time series when windows were asked for, and the
 * figures of the watched routes (those with a timeout, retries or a circuit breaker), in route order.
 */
public record ReplicationResult(
    int replication,
    StopReason stopReason,
    double endTime,
    long events,
    double measuredTime,
    List<StationResult> stations,
    NetworkResult network,
    @Nullable TimeSeries series,
    List<RouteResult> routes) {
  public ReplicationResult {
    stations = List.copyOf(stations);
    routes = List.copyOf(routes);
  }
}
