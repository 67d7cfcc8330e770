package io.doppel.sim.scenario;

/**
 * How long and how often to run (seconds of simulated time): statistics from {@code warmup} on, {@code window}-long
 * time series, and the limits that bound a runaway model instead of letting it hang or exhaust memory.
 */
public record RunSettings(
    double horizon,
    double warmup,
    int replications,
    long seed,
    double window,
    long maxEventsPerReplication,
    int maxCustomers) {
  public static final long DEFAULT_MAX_EVENTS = 50_000_000L;
  public static final long MAX_EVENTS = 500_000_000L;
  public static final int DEFAULT_MAX_CUSTOMERS = 200_000;
  public static final int MAX_CUSTOMERS = 2_000_000;
  public static final int MAX_REPLICATIONS = 200;
}
