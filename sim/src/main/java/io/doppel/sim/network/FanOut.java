package io.doppel.sim.network;

/**
 * A station's synchronous calls made in parallel: after its service all of them go out at once (each still on its
 * own probability draw), and the customer goes on when {@code quorum} of the calls made have replied ({@link #ALL}:
 * every one; fewer made than the quorum: all of those). A failed call fails the customer as soon as the quorum can
 * no longer be reached; the calls not waited for are still served by their callees (nobody cancels them).
 */
public record FanOut(int quorum) {
  /** Wait for every call made (a fork-join). */
  public static final int ALL = 0;

  public static FanOut all() {
    return new FanOut(ALL);
  }

  /** How many replies a customer waits for when {@code made} calls went out. */
  int repliesNeeded(int made) {
    return quorum == ALL ? made : Math.min(quorum, made);
  }
}
