package io.doppel.sim.network;

import io.doppel.sim.dist.Distribution;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * When a station's servers are out of action: random failures (a time-to-failure distribution, MTBF its mean, and
 * a repair-time distribution, MTTR its mean) of the whole station or of each server on its own, and scheduled
 * outages {@code [start, end)} during which the whole station is down. Failure clocks run on calendar time, busy or
 * idle, so the long-run availability is MTBF / (MTBF + MTTR). {@code interruption} says what happens to a customer
 * whose server goes down, {@code whileDown} what happens to arrivals while no server is up.
 */
public record Failures(
    @Nullable Distribution timeToFailure,
    @Nullable Distribution repairTime,
    Scope scope,
    Interruption interruption,
    WhileDown whileDown,
    List<Outage> outages) {
  /** No failures and no outages. */
  public static final Failures NONE =
      new Failures(null, null, Scope.STATION, Interruption.RESUME, WhileDown.QUEUE, List.of());

  public Failures {
    outages = List.copyOf(outages);
  }

  /** Which part fails when a failure comes due. */
  public enum Scope {
    /** All servers at once (a machine, a node, a zone). */
    STATION,
    /** Each server on its own clock (a replica). */
    SERVER
  }

  /** What becomes of the customer on a server that goes down. */
  public enum Interruption {
    /** It goes back to the head of the queue and later finishes the service time it had left (preemptive resume). */
    RESUME,
    /** It goes back to the head of the queue and starts over with a newly drawn service time. */
    RESTART,
    /** It is lost: counted in {@code lost} and as an error (a request in flight on a crashed instance). */
    LOSE
  }

  /** What becomes of an arrival while no server is up. */
  public enum WhileDown {
    /** It queues as usual (within the queue capacity) and waits for a repair. */
    QUEUE,
    /** It is refused at once: counted in {@code refused} and as an error. */
    DROP
  }

  /** The whole station is down from {@code start} (inclusive) to {@code end} (exclusive). */
  public record Outage(double start, double end) {}

  public boolean any() {
    return timeToFailure != null || !outages.isEmpty();
  }

  public Failures withRandom(Distribution timeToFailure, Distribution repairTime, Scope scope) {
    return new Failures(timeToFailure, repairTime, scope, interruption, whileDown, outages);
  }

  public Failures withOutage(double start, double end) {
    List<Outage> more = new ArrayList<>(outages);
    more.add(new Outage(start, end));
    return new Failures(timeToFailure, repairTime, scope, interruption, whileDown, more);
  }

  public Failures withInterruption(Interruption value) {
    return new Failures(timeToFailure, repairTime, scope, value, whileDown, outages);
  }

  public Failures withWhileDown(WhileDown value) {
    return new Failures(timeToFailure, repairTime, scope, interruption, value, outages);
  }
}
