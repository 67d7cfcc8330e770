package io.doppel.sim.network;

/**
 * The autoscaler's evaluations and its servers coming up. Utilisation is measured over the interval just ended
 * from the station's busy and server-time areas (marks reset with the warm-up, so the first interval after it is
 * shorter); servers asked for arrive as one {@code SCALE_READY} event carrying their number.
 */
final class Scaling {
  private Scaling() {}

  static void check(QueueingRun run, StationState s, int station) {
    double now = run.kernel().now();
    Autoscaler a = s.autoscaler;
    s.advanceAll(now);
    double busy = s.busyArea - s.scaleBusyMark;
    double serverTime = s.serverArea - s.scaleServerMark;
    s.scaleBusyMark = s.busyArea;
    s.scaleServerMark = s.serverArea;
    double utilisation = serverTime > 0 ? busy / serverTime : 0;
    // the small epsilon keeps an exact ratio (u = target) from rounding up to one server more
    int desired = (int) Math.ceil(s.servers * utilisation / a.targetUtilisation() - 1e-9);
    desired = Math.max(a.min(), Math.min(a.max(), desired));
    if (desired > s.servers + s.pendingServers) {
      int more = desired - s.servers - s.pendingServers;
      s.pendingServers += more;
      s.scaleUps++;
      run.scheduleStation(now + a.provisioningDelay(), QueueingRun.SCALE_READY, station, more);
    } else if (desired < s.servers) {
      // servers removed finish the customer they hold; no new one starts while busy >= available
      s.servers = desired;
      s.scaleDowns++;
      s.recomputeAvailable();
    }
    run.kernel().scheduleAt(now + a.interval(), QueueingRun.SCALE_CHECK, station);
  }

  static void ready(QueueingRun run, StationState s, int more) {
    double now = run.kernel().now();
    s.advanceAll(now);
    s.pendingServers -= more;
    s.servers = Math.min(s.autoscaler.max(), s.servers + more);
    s.recomputeAvailable();
    run.serveNext(s, now);
  }
}
