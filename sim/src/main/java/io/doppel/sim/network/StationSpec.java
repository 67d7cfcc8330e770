package io.doppel.sim.network;

import io.doppel.sim.dist.Distribution;
import org.jspecify.annotations.Nullable;

/**
 * A service station: {@code servers} identical servers in front of one FIFO queue. {@code queueCapacity} counts
 * waiting places only (an M/M/1/K station has {@code K - 1}); a customer who finds them all taken is dropped.
 * With a {@code patience} distribution a waiting customer leaves (times out) once it has waited that long without
 * reaching a server.
 */
public record StationSpec(
    String id, int servers, int queueCapacity, Distribution service, @Nullable Distribution patience) {
  /** No bound on the queue. */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  public static StationSpec of(String id, int servers, Distribution service) {
    return new StationSpec(id, servers, UNBOUNDED, service, null);
  }

  public StationSpec withQueueCapacity(int capacity) {
    return new StationSpec(id, servers, capacity, service, patience);
  }

  public StationSpec withPatience(Distribution patience) {
    return new StationSpec(id, servers, queueCapacity, service, patience);
  }

  public boolean bounded() {
    return queueCapacity != UNBOUNDED;
  }
}
