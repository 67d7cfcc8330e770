package io.doppel.sim.network;

import java.util.List;

/**
 * One replication's run in fixed windows of {@code window} time units from time 0 (warm-up included, so the
 * transient shows): per station and for the network. Window {@code i} covers {@code [i * window, (i + 1) * window)}.
 */
public record TimeSeries(double window, List<StationSeries> stations, long[] exits, double[] meanResponse) {
  public int windows() {
    return exits.length;
  }

  /**
   * Per window: arrivals, completions and drops; mean response of the visits completed in it (NaN when none);
   * time-average queue length; busy fraction of the servers; time-average provisioned servers (an autoscaler's
   * steps show here); time-average stock on hand (0 without an inventory).
   */
  public record StationSeries(
      String id,
      long[] arrivals,
      long[] completions,
      long[] drops,
      double[] meanResponse,
      double[] meanQueueLength,
      double[] utilisation,
      double[] meanServers,
      double[] meanStock) {}
}
