package io.doppel.sim.network;

import io.doppel.sim.dist.Distribution;
import io.doppel.sim.stats.LogHistogram;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/** One station's live state and running statistics inside a replication; plain fields for the hot path. */
final class StationState {
  final String id;
  /** Position in the network's stations (event payloads name stations by it). */
  int index;
  final int capacity;
  final Distribution service;
  final @Nullable Distribution patience;
  final SplittableRandom serviceRandom;
  final SplittableRandom routingRandom;
  final SplittableRandom patienceRandom;
  final int[] routeTargets;
  final double[] routeCumulative;
  /** Per route position: its delay and call state, or null for a plain, instant route. */
  final @Nullable RouteState[] routeStates;
  final IntRing queue = new IntRing();
  /** Synchronous calls made after service, in order: targets, each one's own probability, delay and watch. */
  final int[] callTargets;
  final double[] callProbability;
  final @Nullable RouteState[] callRoutes;
  final SplittableRandom callRandom;
  /** The calls go out at once and the customer waits for a quorum of replies; null: one after another. */
  final @Nullable FanOut fanOut;
  /** Rows of the children of the fan-out being sent (made before any is sent, as one may fail at once). */
  final int[] fanOutChildren;

  /** Servers provisioned now (fixed unless autoscaled). */
  int servers;
  /** Servers that take new customers: provisioned, up, and not in an outage. */
  int available;
  int busy;
  int waiting;
  double lastChange;
  double levelsChange;

  // failures: which customer holds which server, kept only where servers can go down
  final Failures failures;
  final boolean tracked;
  final boolean refuseWhileDown;
  final int @Nullable [] slotCustomer;
  final boolean @Nullable [] slotDown;
  final SplittableRandom failureRandom;
  int downServers;
  boolean stationDown;
  int outagesActive;

  // blocking after service
  final boolean blocking;
  /** The server stays busy while the customer's synchronous calls are out. */
  final boolean holdsServer;
  final IntRing blockedQueue = new IntRing();
  /** Servers here held by customers blocked on a full station downstream. */
  int blockedHere;
  /** Places here promised to parts on a transfer from upstream (booked when the transfer starts). */
  int reserved;

  // autoscaling and cost
  final @Nullable Autoscaler autoscaler;
  final double costRate;
  int pendingServers;
  double scaleBusyMark;
  double scaleServerMark;

  // inventory
  final @Nullable Inventory inventory;
  final SplittableRandom leadRandom;
  final IntRing backorders = new IntRing();
  long stock;
  long onOrder;

  long arrivals;
  long served;
  long completions;
  long queued;
  long drops;
  long timeouts;
  long lost;
  long refused;
  long wasted;
  long demand;
  long stockouts;
  long lostSales;
  long orders;
  long scaleUps;
  long scaleDowns;
  double waitSum;
  long handled;
  double handlingSum;
  double busyArea;
  double queueArea;
  double serverArea;
  double upArea;
  double blockedArea;
  double stockArea;
  final LogHistogram response = new LogHistogram();

  final @Nullable WindowCounts windows;
  /** The end of the open time-series window (+Infinity without a series): one field to compare per event. */
  private double windowEnd;

  StationState(StationSpec spec, SplittableRandom serviceRandom, SplittableRandom routingRandom,
      SplittableRandom patienceRandom, SplittableRandom failureRandom, SplittableRandom leadRandom,
      int[] routeTargets, double[] routeCumulative, @Nullable RouteState[] routeStates,
      int[] callTargets, double[] callProbability, @Nullable RouteState[] callRoutes, SplittableRandom callRandom,
      @Nullable WindowCounts windows) {
    this.callTargets = callTargets;
    this.callProbability = callProbability;
    this.callRoutes = callRoutes;
    this.callRandom = callRandom;
    this.fanOut = spec.fanOut();
    this.fanOutChildren = new int[fanOut == null ? 0 : callTargets.length];
    this.id = spec.id();
    this.servers = spec.servers();
    this.available = spec.servers();
    this.capacity = spec.queueCapacity();
    this.service = spec.service();
    this.patience = spec.patience();
    this.serviceRandom = serviceRandom;
    this.routingRandom = routingRandom;
    this.patienceRandom = patienceRandom;
    this.routeTargets = routeTargets;
    this.routeCumulative = routeCumulative;
    this.routeStates = routeStates;
    this.windows = windows;
    this.windowEnd = windows == null ? Double.POSITIVE_INFINITY : windows.areaEnd();
    this.failures = spec.failures();
    this.tracked = failures.any();
    this.refuseWhileDown = failures.whileDown() == Failures.WhileDown.DROP;
    this.failureRandom = failureRandom;
    if (tracked) {
      slotCustomer = new int[spec.maxServers()];
      Arrays.fill(slotCustomer, -1);
      slotDown = new boolean[spec.maxServers()];
    } else {
      slotCustomer = null;
      slotDown = null;
    }
    this.blocking = spec.blocking();
    this.holdsServer = spec.holdsServerDuringCalls();
    this.autoscaler = spec.autoscaler();
    this.costRate = spec.costRate();
    this.inventory = spec.inventory();
    this.leadRandom = leadRandom;
    this.stock = inventory == null ? 0 : inventory.initialStock();
  }

  /** Brings the busy and queue areas up to {@code now}; call before busy or waiting change. */
  void advance(double now) {
    double dt = now - lastChange;
    if (dt > 0) {
      if (now > windowEnd) {
        closeWindows(now);
      }
      busyArea += busy * dt;
      queueArea += waiting * dt;
      lastChange = now;
    }
  }

  /**
   * Brings the areas of the levels that change rarely (servers provisioned and up, servers blocked, stock) up to
   * {@code now}; call before one of them changes. Kept apart from {@link #advance} so a plain station's arrivals
   * and departures do not pay for them.
   */
  void advanceLevels(double now) {
    double dt = now - levelsChange;
    if (dt > 0) {
      if (now > windowEnd) {
        closeWindows(now);
      }
      serverArea += servers * dt;
      upArea += available * dt;
      blockedArea += blockedHere * dt;
      stockArea += stock * dt;
      levelsChange = now;
    }
  }

  /**
   * Closes the time-series windows that end before {@code now}, with the running areas at each one's end. Both
   * areas' last changes lie before the first such end (whichever moved past it would have closed it), and the
   * levels have held since.
   */
  private void closeWindows(double now) {
    while (windows.passes(now)) {
      double end = windows.areaEnd();
      windows.closeArea(busyArea + busy * (end - lastChange), queueArea + waiting * (end - lastChange),
          serverArea + servers * (end - levelsChange), stockArea + stock * (end - levelsChange));
    }
    windowEnd = windows.areaEnd();
  }

  /** This station's time series up to {@code end}; call after {@link #advanceAll advanceAll(end)}. */
  TimeSeries.StationSeries series(double end) {
    return windows.series(id, end, busyArea, queueArea, serverArea, stockArea);
  }

  void advanceAll(double now) {
    advance(now);
    advanceLevels(now);
  }

  /**
   * No waiting place and no server free, beyond those promised to parts in transfer: an upstream customer routed
   * here would block.
   */
  boolean full() {
    if (reserved == 0) {
      return busy >= available && waiting >= capacity;
    }
    return Math.max(0, available - busy) + Math.max(0L, (long) capacity - waiting) <= reserved;
  }

  void recomputeAvailable() {
    available = stationDown || outagesActive > 0 ? 0 : Math.max(0, servers - downServers);
  }

  /** A server slot that is provisioned, up and free; one exists whenever busy < available. */
  int idleSlot() {
    int[] customers = slotCustomer;
    boolean[] down = slotDown;
    for (int k = 0; k < servers; k++) {
      if (customers[k] < 0 && !down[k]) {
        return k;
      }
    }
    throw new IllegalStateException("no idle server at " + id + " though " + busy + " < " + available);
  }

  long inventoryPosition() {
    return stock + onOrder - backorders.size();
  }

  void resetStatistics(double now) {
    advanceAll(now);
    if (windows != null) {
      windows.rebase(busyArea, queueArea, serverArea, stockArea);
    }
    arrivals = 0;
    served = 0;
    completions = 0;
    queued = 0;
    drops = 0;
    timeouts = 0;
    lost = 0;
    refused = 0;
    wasted = 0;
    demand = 0;
    stockouts = 0;
    lostSales = 0;
    orders = 0;
    scaleUps = 0;
    scaleDowns = 0;
    waitSum = 0;
    handled = 0;
    handlingSum = 0;
    busyArea = 0;
    queueArea = 0;
    serverArea = 0;
    upArea = 0;
    blockedArea = 0;
    stockArea = 0;
    scaleBusyMark = 0;
    scaleServerMark = 0;
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
        serverArea > 0 ? busyArea / serverArea : Double.NaN,
        queueArea / measured,
        (busyArea + queueArea) / measured,
        lost, refused, wasted, demand, stockouts, lostSales, orders, scaleUps, scaleDowns,
        serverArea > 0 ? upArea / serverArea : Double.NaN,
        serverArea / measured,
        serverArea * costRate,
        blockedArea / measured,
        inventory == null ? Double.NaN : stockArea / measured,
        callTargets.length == 0 ? response.mean() : handled == 0 ? Double.NaN : handlingSum / handled);
  }
}
