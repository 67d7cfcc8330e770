package io.doppel.sim.network;

import io.doppel.sim.dist.Distribution;
import io.doppel.sim.stats.LogHistogram;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/** One station's live state and running statistics inside a replication; plain fields for the hot path. */
final class StationState {
  final String id;
  final int servers;
  final int capacity;
  final Distribution service;
  final @Nullable Distribution patience;
  final SplittableRandom serviceRandom;
  final SplittableRandom routingRandom;
  final SplittableRandom patienceRandom;
  final int[] routeTargets;
  final double[] routeCumulative;
  final IntRing queue = new IntRing();

  int busy;
  int waiting;
  double lastChange;

  long arrivals;
  long served;
  long completions;
  long queued;
  long drops;
  long timeouts;
  double waitSum;
  double busyArea;
  double queueArea;
  final LogHistogram response = new LogHistogram();

  final @Nullable WindowCounts windows;

  StationState(StationSpec spec, SplittableRandom serviceRandom, SplittableRandom routingRandom,
      SplittableRandom patienceRandom, int[] routeTargets, double[] routeCumulative, @Nullable WindowCounts windows) {
    this.id = spec.id();
    this.servers = spec.servers();
    this.capacity = spec.queueCapacity();
    this.service = spec.service();
    this.patience = spec.patience();
    this.serviceRandom = serviceRandom;
    this.routingRandom = routingRandom;
    this.patienceRandom = patienceRandom;
    this.routeTargets = routeTargets;
    this.routeCumulative = routeCumulative;
    this.windows = windows;
  }

  /** Brings the time-weighted areas up to {@code now}; call before busy or waiting change. */
  void advance(double now) {
    double dt = now - lastChange;
    if (dt > 0) {
      busyArea += busy * dt;
      queueArea += waiting * dt;
      if (windows != null) {
        windows.spread(lastChange, now, busy, waiting);
      }
      lastChange = now;
    }
  }

  void resetStatistics(double now) {
    advance(now);
    arrivals = 0;
    served = 0;
    completions = 0;
    queued = 0;
    drops = 0;
    timeouts = 0;
    waitSum = 0;
    busyArea = 0;
    queueArea = 0;
    response.reset();
  }

  StationResult result(double measured) {
    return new StationResult(id, arrivals, served, completions, queued, drops, timeouts,
        completions / measured,
        served == 0 ? Double.NaN : waitSum / served,
        response.mean(),
        response.quantile(0.50),
        response.quantile(0.95),
        response.quantile(0.99),
        busyArea / (servers * measured),
        queueArea / measured,
        (busyArea + queueArea) / measured);
  }
}
