package io.doppel.bench.sim.cloudsim;

/**
 * The first-come, first-served queue with c servers computed directly from its customers (Kiefer and Wolfowitz's
 * recursion): each customer starts when it arrives or when the earliest of the servers becomes free, whichever is
 * later, and leaves its service time after. The service times are the cloudlets' (whole MI on one PE), so a run of
 * {@link CloudletQueue} on the same customers must come out the same, customer by customer.
 */
record FcfsRecursion(double[] arrivals, double[] starts, double[] finishes) {

  /** Mean time in the queue of the customers from {@code first} on. */
  double meanWait(int first) {
    return new CloudletQueueResult(arrivals, starts, finishes, 0).meanWait(first);
  }

  /** Mean time in the system of the customers from {@code first} on. */
  double meanResponse(int first) {
    return new CloudletQueueResult(arrivals, starts, finishes, 0).meanResponse(first);
  }

  static FcfsRecursion of(ExponentialCustomers customers, int servers, int count) {
    double[] arrivals = new double[count];
    double[] starts = new double[count];
    double[] finishes = new double[count];
    double[] freeAt = new double[servers];
    double clock = 0;
    for (int i = 0; i < count; i++) {
      clock += customers.nextGap();
      double service = CloudSimTime.serviceTime(CloudSimTime.lengthMi(customers.nextDemand()));
      int server = 0;
      for (int s = 1; s < servers; s++) {
        if (freeAt[s] < freeAt[server]) {
          server = s;
        }
      }
      arrivals[i] = clock;
      starts[i] = Math.max(clock, freeAt[server]);
      finishes[i] = starts[i] + service;
      freeAt[server] = finishes[i];
    }
    return new FcfsRecursion(arrivals, starts, finishes);
  }
}
