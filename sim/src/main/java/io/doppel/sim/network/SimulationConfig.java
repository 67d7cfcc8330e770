package io.doppel.sim.network;

import io.doppel.sim.dist.Invalid;

/**
 * How to run a network: until {@code horizon} (simulated time units), statistics from {@code warmup} on,
 * {@code replications} independent runs from {@code seed} on up to {@code parallelism} threads, results in
 * {@code window}-long time series (0: none), intervals at {@code confidenceLevel}. The limits stop a runaway
 * replication with a reason instead of a hang or an out-of-memory: {@code eventBudget} events,
 * {@code maxPendingEvents} scheduled at once, {@code maxCustomers} in the network at once.
 */
public record SimulationConfig(
    double horizon,
    double warmup,
    int replications,
    long seed,
    int parallelism,
    double window,
    double confidenceLevel,
    long eventBudget,
    int maxPendingEvents,
    int maxCustomers) {
  public static final long DEFAULT_EVENT_BUDGET = 1_000_000_000L;
  public static final int DEFAULT_MAX_PENDING_EVENTS = 4_000_000;
  public static final int DEFAULT_MAX_CUSTOMERS = 1_000_000;
  /** At most this many time-series windows per run. */
  public static final int MAX_WINDOWS = 100_000;

  public SimulationConfig {
    if (!(horizon > 0)) {
      throw Invalid.field("horizon", "must be > 0, was " + horizon);
    }
    if (!(warmup >= 0 && warmup < horizon)) {
      throw Invalid.field("warmup", "must be >= 0 and below the horizon (" + horizon + "), was " + warmup);
    }
    if (replications < 1 || replications > 10_000) {
      throw Invalid.field("replications", "must be 1..10000, was " + replications);
    }
    if (parallelism < 1) {
      throw Invalid.field("parallelism", "must be >= 1, was " + parallelism);
    }
    if (!(window >= 0) || Double.isInfinite(window)) {
      throw Invalid.field("window", "must be a finite number >= 0, was " + window);
    }
    if (window > 0) {
      if (Double.isInfinite(horizon)) {
        throw Invalid.field("window", "time series need a finite horizon");
      }
      if (Math.ceil(horizon / window) > MAX_WINDOWS) {
        throw Invalid.field("window", "gives more than " + MAX_WINDOWS + " windows over the horizon " + horizon);
      }
    }
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw Invalid.field("confidenceLevel", "must be in (0, 1), was " + confidenceLevel);
    }
    if (eventBudget < 1) {
      throw Invalid.field("eventBudget", "must be >= 1, was " + eventBudget);
    }
    if (maxPendingEvents < 1) {
      throw Invalid.field("maxPendingEvents", "must be >= 1, was " + maxPendingEvents);
    }
    if (maxCustomers < 1) {
      throw Invalid.field("maxCustomers", "must be >= 1, was " + maxCustomers);
    }
  }

  /** One replication to {@code horizon}, no warm-up, seed 1, every core, no time series, 95% intervals. */
  public static SimulationConfig of(double horizon) {
    return new SimulationConfig(horizon, 0, 1, 1, Runtime.getRuntime().availableProcessors(), 0, 0.95,
        DEFAULT_EVENT_BUDGET, DEFAULT_MAX_PENDING_EVENTS, DEFAULT_MAX_CUSTOMERS);
  }

  public SimulationConfig withWarmup(double value) {
    return new SimulationConfig(horizon, value, replications, seed, parallelism, window, confidenceLevel,
        eventBudget, maxPendingEvents, maxCustomers);
  }

  public SimulationConfig withReplications(int value) {
    return new SimulationConfig(horizon, warmup, value, seed, parallelism, window, confidenceLevel,
        eventBudget, maxPendingEvents, maxCustomers);
  }

  public SimulationConfig withSeed(long value) {
    return new SimulationConfig(horizon, warmup, replications, value, parallelism, window, confidenceLevel,
        eventBudget, maxPendingEvents, maxCustomers);
  }

  public SimulationConfig withParallelism(int value) {
    return new SimulationConfig(horizon, warmup, replications, seed, value, window, confidenceLevel,
        eventBudget, maxPendingEvents, maxCustomers);
  }

  public SimulationConfig withWindow(double value) {
    return new SimulationConfig(horizon, warmup, replications, seed, parallelism, value, confidenceLevel,
        eventBudget, maxPendingEvents, maxCustomers);
  }

  public SimulationConfig withConfidenceLevel(double value) {
    return new SimulationConfig(horizon, warmup, replications, seed, parallelism, window, value,
        eventBudget, maxPendingEvents, maxCustomers);
  }

  public SimulationConfig withLimits(long budget, int pendingEvents, int customers) {
    return new SimulationConfig(horizon, warmup, replications, seed, parallelism, window, confidenceLevel,
        budget, pendingEvents, customers);
  }
}
