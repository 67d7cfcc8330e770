package io.doppel.bench.sim.cloudsim;

/**
 * One CloudSim Plus replication's customers, by arrival order: when each arrived, started service and left (model
 * time units), and how many events CloudSim Plus generated for them all.
 */
public record CloudletQueueResult(double[] arrivals, double[] starts, double[] finishes, long events) {

  public int customers() {
    return arrivals.length;
  }

  /** Mean time in the queue of the customers from {@code first} on (the ones before are the warm-up). */
  public double meanWait(int first) {
    double sum = 0;
    for (int i = first; i < arrivals.length; i++) {
      sum += starts[i] - arrivals[i];
    }
    return sum / (arrivals.length - first);
  }

  /** Mean time in the system (queue and service) of the customers from {@code first} on. */
  public double meanResponse(int first) {
    double sum = 0;
    for (int i = first; i < arrivals.length; i++) {
      sum += finishes[i] - arrivals[i];
    }
    return sum / (arrivals.length - first);
  }
}
