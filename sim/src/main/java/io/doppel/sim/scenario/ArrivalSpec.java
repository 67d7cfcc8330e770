package io.doppel.sim.scenario;

import java.time.Instant;

/** A source's arrival process in a scenario's workload; rates are requests per second. */
public sealed interface ArrivalSpec {
  /** Poisson arrivals. */
  record Poisson(double rate) implements ArrivalSpec {}

  /** One arrival every {@code 1 / rate} seconds. */
  record Constant(double rate) implements ArrivalSpec {}

  /** Poisson arrivals whose rate follows 24 hourly rates, repeating daily. */
  record Daily(double[] rates) implements ArrivalSpec {}

  /** Poisson arrivals whose rate follows equal slots over {@code period} seconds, repeating. */
  record Profile(double period, double[] rates) implements ArrivalSpec {}

  /** Poisson arrivals at {@code rate}, at {@code spikeRate} in {@code [start, start + duration)}. */
  record Spike(double rate, double spikeRate, double start, double duration) implements ArrivalSpec {}

  /**
   * The recorded rate of a telemetry series (requests per second) of a twin in {@code [from, to)}, averaged per
   * {@code slot} seconds and replayed from the run's start, repeating.
   */
  record History(String twin, String telemetry, Instant from, Instant to, double slot) implements ArrivalSpec {}
}
