package io.doppel.sim.network;

import io.doppel.sim.dist.ArrivalProcess;

/** Where customers come from: an arrival process, and at most {@code limit} customers in a run. */
public record SourceSpec(String id, ArrivalProcess arrivals, long limit) {
  public static final long UNLIMITED = Long.MAX_VALUE;

  public static SourceSpec of(String id, ArrivalProcess arrivals) {
    return new SourceSpec(id, arrivals, UNLIMITED);
  }
}
