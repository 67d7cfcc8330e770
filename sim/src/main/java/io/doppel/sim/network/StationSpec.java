package io.doppel.sim.network;

import io.doppel.sim.dist.Distribution;
import org.jspecify.annotations.Nullable;

/**
 * A service station: {@code servers} identical servers in front of one FIFO queue. {@code queueCapacity} counts
 * waiting places only (an M/M/1/K station has {@code K - 1}); a customer who finds them all taken is dropped, or,
 * with {@code blocking}, a customer coming from another station stays on its server there until a place frees
 * (blocking after service: a finite buffer between two machines). With a {@code patience} distribution a waiting
 * customer leaves (times out) once it has waited that long without reaching a server. The station may fail
 * ({@link Failures}), scale ({@link Autoscaler}), cost {@code costRate} per server per time unit, and hold stock
 * ({@link Inventory}), hold its server while the customer's synchronous calls are out, and make those calls in
 * parallel ({@link FanOut}) instead of one after another.
 */
public record StationSpec(
    String id,
    int servers,
    int queueCapacity,
    Distribution service,
    @Nullable Distribution patience,
    Failures failures,
    boolean blocking,
    @Nullable Autoscaler autoscaler,
    double costRate,
    @Nullable Inventory inventory,
    boolean holdsServerDuringCalls,
    @Nullable FanOut fanOut) {
  /** No bound on the queue. */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  /** A plain station: no failures, no blocking, fixed servers, no cost, no stock. */
  public StationSpec(
      String id, int servers, int queueCapacity, Distribution service, @Nullable Distribution patience) {
    this(id, servers, queueCapacity, service, patience, Failures.NONE, false, null, 0, null, false, null);
  }

  public static StationSpec of(String id, int servers, Distribution service) {
    return new StationSpec(id, servers, UNBOUNDED, service, null);
  }

  public StationSpec withQueueCapacity(int capacity) {
    return new StationSpec(id, servers, capacity, service, patience, failures, blocking, autoscaler, costRate,
        inventory, holdsServerDuringCalls, fanOut);
  }

  public StationSpec withPatience(Distribution value) {
    return new StationSpec(id, servers, queueCapacity, service, value, failures, blocking, autoscaler, costRate,
        inventory, holdsServerDuringCalls, fanOut);
  }

  public StationSpec withFailures(Failures value) {
    return new StationSpec(id, servers, queueCapacity, service, patience, value, blocking, autoscaler, costRate,
        inventory, holdsServerDuringCalls, fanOut);
  }

  /** The whole station fails after {@code timeToFailure} (mean: MTBF) and is repaired after {@code repairTime}. */
  public StationSpec withFailures(Distribution timeToFailure, Distribution repairTime) {
    return withFailures(failures.withRandom(timeToFailure, repairTime, Failures.Scope.STATION));
  }

  /** Each server fails and is repaired on its own clock. */
  public StationSpec withServerFailures(Distribution timeToFailure, Distribution repairTime) {
    return withFailures(failures.withRandom(timeToFailure, repairTime, Failures.Scope.SERVER));
  }

  /** The whole station is down during {@code [start, end)}; may be given several times. */
  public StationSpec withOutage(double start, double end) {
    return withFailures(failures.withOutage(start, end));
  }

  public StationSpec withInterruption(Failures.Interruption value) {
    return withFailures(failures.withInterruption(value));
  }

  public StationSpec withArrivalsWhileDown(Failures.WhileDown value) {
    return withFailures(failures.withWhileDown(value));
  }

  /** Customers from upstream stations wait on their server while the queue here is full, instead of being dropped. */
  public StationSpec withBlocking() {
    return new StationSpec(id, servers, queueCapacity, service, patience, failures, true, autoscaler, costRate,
        inventory, holdsServerDuringCalls, fanOut);
  }

  public StationSpec withAutoscaler(Autoscaler value) {
    return new StationSpec(id, servers, queueCapacity, service, patience, failures, blocking, value, costRate,
        inventory, holdsServerDuringCalls, fanOut);
  }

  /** Cost per server per time unit (e.g. per replica-hour when time is in hours); the result reports server time x rate. */
  public StationSpec withCostRate(double value) {
    return new StationSpec(id, servers, queueCapacity, service, patience, failures, blocking, autoscaler, value,
        inventory, holdsServerDuringCalls, fanOut);
  }

  public StationSpec withInventory(Inventory value) {
    return new StationSpec(id, servers, queueCapacity, service, patience, failures, blocking, autoscaler, costRate,
        value, holdsServerDuringCalls, fanOut);
  }

  /**
   * The server stays busy while the customer's synchronous calls are out (a thread-per-request server: a slow
   * callee exhausts the caller's pool); by default it is free during them.
   */
  public StationSpec withServerHeldDuringCalls() {
    return new StationSpec(id, servers, queueCapacity, service, patience, failures, blocking, autoscaler, costRate,
        inventory, true, fanOut);
  }

  /** The station's synchronous calls go out at once and it waits for all of them (a fork-join). */
  public StationSpec withParallelCalls() {
    return withParallelCalls(FanOut.ALL);
  }

  /**
   * The station's synchronous calls go out at once and it goes on when {@code quorum} of them have replied
   * ({@link FanOut#ALL} for every one); without this they are made one after another.
   */
  public StationSpec withParallelCalls(int quorum) {
    return new StationSpec(id, servers, queueCapacity, service, patience, failures, blocking, autoscaler, costRate,
        inventory, holdsServerDuringCalls, new FanOut(quorum));
  }

  public boolean bounded() {
    return queueCapacity != UNBOUNDED;
  }

  /** The most servers the station can ever have. */
  public int maxServers() {
    return autoscaler == null ? servers : Math.max(servers, autoscaler.max());
  }
}
