package io.doppel.bench.sim.cloudsim;

/**
 * How the queueing model's time units map onto CloudSim Plus's seconds and million instructions (MI), and why.
 *
 * <p>Three of CloudSim Plus's floors are in absolute seconds: a datacenter never schedules its next processing
 * update less than {@code minTimeBetweenEvents + 0.01} s after the current one, it skips an update that comes less
 * than {@code minTimeBetweenEvents} after the last, and a space-shared scheduler frees a finished cloudlet's PE at
 * one update but starts the next waiting cloudlet only at the following one, so each hand-over idles the PE for those
 * 0.011 s, and a cloudlet submitted inside that gap takes the free PE ahead of the queue. At a second per unit that
 * would lengthen every queued service by 1% and let one or two customers in a hundred jump the queue; so one model
 * time unit is {@link #SECONDS_PER_UNIT} CloudSim seconds, where the gap is 1.1e-8 units, and a PE runs {@link #MIPS}
 * MI per second (a mean service of one unit is a cloudlet of 1e9 MI; cloudlets advance by whole MI, 1e-9 units).
 *
 * <p>The model's time 0 is CloudSim's {@link #EPOCH_SECONDS}, see there.
 */
public final class CloudSimTime {
  /** CloudSim seconds per model time unit. */
  public static final double SECONDS_PER_UNIT = 1e6;
  /** Each PE's speed, in MI per second (CloudSim Plus keeps a VM's MIPS as a whole number). */
  public static final double MIPS = 1_000;
  /** CloudSim Plus's own default is 0.1 s; shorter keeps updates from being skipped (see the class comment). */
  public static final double MIN_TIME_BETWEEN_EVENTS = 0.001;
  /**
   * When the first customer's clock starts, in CloudSim seconds: past {@code Integer.MAX_VALUE}. Below that, a VM
   * rounds its next processing update down to the clock's whole second (it subtracts {@code clock - (int) clock}
   * from the delay) and drops a delay that comes out exactly zero, which stalls the VM for good: every later cloudlet
   * waits forever (seen: 3,440 of 50,000 M/M/2 customers never served). Past 2^31 s the {@code (int)} cast
   * saturates, the "fraction" exceeds every delay and the VM keeps the delay as it is. The datacenter is idle until
   * then (no scheduling interval is set), so the offset costs nothing but one jump of the clock. A double still
   * resolves 1e-10 units at the clock of a million customers (about 1e12 s).
   */
  public static final double EPOCH_SECONDS = 1e10;

  private CloudSimTime() {}

  /** The cloudlet length for a service time in model units: whole MI, at least one (CloudSim rejects zero). */
  public static long lengthMi(double serviceTime) {
    return Math.max(1, Math.round(serviceTime * SECONDS_PER_UNIT * MIPS));
  }

  /** The service time a cloudlet of that length takes on one PE, in model units. */
  public static double serviceTime(long lengthMi) {
    return lengthMi / (SECONDS_PER_UNIT * MIPS);
  }

  /** A duration in model units as CloudSim seconds. */
  public static double toSeconds(double units) {
    return units * SECONDS_PER_UNIT;
  }

  /** A CloudSim clock reading as model time. */
  public static double toModelTime(double clockSeconds) {
    return (clockSeconds - EPOCH_SECONDS) / SECONDS_PER_UNIT;
  }
}
