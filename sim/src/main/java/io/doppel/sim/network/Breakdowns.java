package io.doppel.sim.network;

/**
 * Failures, repairs and outages of a station. A failure's argument is 0 for the whole station or {@code k + 1} for
 * server k. Failure clocks run on calendar time: the next failure is drawn when the repair ends, whatever the load.
 */
final class Breakdowns {
  private Breakdowns() {}

  static void fail(QueueingRun run, StationState s, int station, int argument) {
    double now = run.kernel().now();
    s.advanceAll(now);
    Failures f = s.failures;
    if (argument == 0) {
      s.stationDown = true;
      s.recomputeAvailable();
      interruptAll(run, s, now);
    } else {
      int k = argument - 1;
      s.slotDown[k] = true;
      s.downServers++;
      s.recomputeAvailable();
      int c = s.slotCustomer[k];
      if (c >= 0 && run.customers().state[c] == CustomerPool.IN_SERVICE) {
        run.interrupt(c, s, now);
      }
    }
    run.scheduleStation(now + f.repairTime().sample(s.failureRandom), QueueingRun.REPAIR, station, argument);
    // resumed customers at the head of the queue may find another server up
    run.serveNext(s, now);
  }

  static void repair(QueueingRun run, StationState s, int station, int argument) {
    double now = run.kernel().now();
    s.advanceAll(now);
    if (argument == 0) {
      s.stationDown = false;
    } else {
      s.slotDown[argument - 1] = false;
      s.downServers--;
    }
    s.recomputeAvailable();
    run.scheduleStation(now + s.failures.timeToFailure().sample(s.failureRandom), QueueingRun.FAIL, station,
        argument);
    run.serveNext(s, now);
  }

  static void outageStarts(QueueingRun run, StationState s) {
    double now = run.kernel().now();
    s.advanceAll(now);
    s.outagesActive++;
    s.recomputeAvailable();
    interruptAll(run, s, now);
  }

  static void outageEnds(QueueingRun run, StationState s) {
    double now = run.kernel().now();
    s.advanceAll(now);
    s.outagesActive--;
    s.recomputeAvailable();
    run.serveNext(s, now);
  }

  /** Every customer in service is interrupted; customers blocked on a server keep it (their service is done). */
  private static void interruptAll(QueueingRun run, StationState s, double now) {
    int[] slots = s.slotCustomer;
    // from the last slot down, so the first slot's customer ends up first in the queue
    for (int k = slots.length - 1; k >= 0; k--) {
      int c = slots[k];
      if (c >= 0 && run.customers().state[c] == CustomerPool.IN_SERVICE) {
        run.interrupt(c, s, now);
      }
    }
  }
}
