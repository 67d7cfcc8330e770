package io.doppel.sim.network;

import io.doppel.sim.dist.Invalid;

/** Checks of the behaviours beyond plain queueing (failures, scaling, stock, calls), each naming its field. */
final class BehaviourValidation {
  private BehaviourValidation() {}

  static void station(String at, StationSpec s) {
    FanOut fan = s.fanOut();
    if (fan != null && !(fan.quorum() >= FanOut.ALL)) {
      throw Invalid.field(at + ".fanOut.quorum", "must be >= 1 (or FanOut.ALL, 0, for every call), was "
          + fan.quorum());
    }
    if (s.service() == null) {
      throw Invalid.field(at + ".service", "is required");
    }
    if (s.failures() == null) {
      throw Invalid.field(at + ".failures", "is required (Failures.NONE for none)");
    }
    failures(at + ".failures", s.failures(), s);
    if (!(s.costRate() >= 0) || Double.isInfinite(s.costRate())) {
      throw Invalid.field(at + ".costRate", "must be a finite number >= 0, was " + s.costRate());
    }
    if (s.blocking() && !s.bounded()) {
      throw Invalid.field(at + ".blocking", "blocking needs a finite queueCapacity (the buffer)");
    }
    Autoscaler a = s.autoscaler();
    if (a != null) {
      String as = at + ".autoscaler";
      if (a.min() < 1) {
        throw Invalid.field(as + ".min", "must be >= 1, was " + a.min());
      }
      if (a.max() < a.min()) {
        throw Invalid.field(as + ".max", "must be >= min (" + a.min() + "), was " + a.max());
      }
      if (a.max() > 100_000) {
        throw Invalid.field(as + ".max", "must be <= 100000, was " + a.max());
      }
      if (s.servers() < a.min() || s.servers() > a.max()) {
        throw Invalid.field(at + ".servers", "must lie in the autoscaler's [min, max] = [" + a.min() + ", "
            + a.max() + "], was " + s.servers());
      }
      if (!(a.targetUtilisation() > 0 && a.targetUtilisation() <= 1)) {
        throw Invalid.field(as + ".targetUtilisation", "must be in (0, 1], was " + a.targetUtilisation());
      }
      Invalid.positive(as + ".interval", a.interval());
      Invalid.nonNegative(as + ".provisioningDelay", a.provisioningDelay());
      if (s.failures().scope() == Failures.Scope.SERVER && s.failures().timeToFailure() != null) {
        throw Invalid.field(at + ".failures.scope", "per-server failures cannot be combined with an autoscaler");
      }
    }
    Inventory inv = s.inventory();
    if (inv != null) {
      String is = at + ".inventory";
      if (inv.policy() == null) {
        throw Invalid.field(is + ".policy", "is required (S_S or R_Q)");
      }
      if (inv.shortage() == null) {
        throw Invalid.field(is + ".shortage", "is required (LOST or BACKORDER)");
      }
      if (inv.leadTime() == null) {
        throw Invalid.field(is + ".leadTime", "is required");
      }
      if (inv.reorderPoint() < 0) {
        throw Invalid.field(is + ".reorderPoint", "must be >= 0, was " + inv.reorderPoint());
      }
      if (inv.policy() == Inventory.Policy.S_S && inv.level() <= inv.reorderPoint()) {
        throw Invalid.field(is + ".level", "the order-up-to level S must be > s (" + inv.reorderPoint()
            + "), was " + inv.level());
      }
      if (inv.policy() == Inventory.Policy.R_Q && inv.level() < 1) {
        throw Invalid.field(is + ".level", "the order quantity Q must be >= 1, was " + inv.level());
      }
      if (inv.level() > 1_000_000_000) {
        throw Invalid.field(is + ".level", "must be <= 1000000000, was " + inv.level());
      }
      if (inv.initialStock() < 0) {
        throw Invalid.field(is + ".initialStock", "must be >= 0, was " + inv.initialStock());
      }
    }
  }

  private static void failures(String at, Failures f, StationSpec s) {
    if (f.scope() == null || f.interruption() == null || f.whileDown() == null) {
      throw Invalid.field(at, "scope, interruption and whileDown are required");
    }
    if ((f.timeToFailure() == null) != (f.repairTime() == null)) {
      throw Invalid.field(at + (f.timeToFailure() == null ? ".timeToFailure" : ".repairTime"),
          "time to failure and repair time go together");
    }
    if (f.timeToFailure() != null && !(f.timeToFailure().mean() > 0)) {
      throw Invalid.field(at + ".timeToFailure", "must have a mean > 0 (the MTBF), was " + f.timeToFailure().mean());
    }
    for (int i = 0; i < f.outages().size(); i++) {
      Failures.Outage o = f.outages().get(i);
      if (!(o.start() >= 0) || Double.isInfinite(o.start())) {
        throw Invalid.field(at + ".outages[" + i + "].start", "must be a finite number >= 0, was " + o.start());
      }
      if (!(o.end() > o.start())) {
        throw Invalid.field(at + ".outages[" + i + "].end", "must be after start (" + o.start() + "), was " + o.end());
      }
    }
  }

  static void route(String at, Route r, StationSpec target) {
    if (r.delay() != null && target.blocking() && r.call() != null) {
      throw Invalid.field(at + ".timeout", "a transfer into a blocking station ('" + target.id()
          + "') cannot also be a watched call (timeout, retries, breaker): a part in transfer has its place booked");
    }
    CallPolicy c = r.call();
    if (c != null) {
      if (!(c.timeout() > 0)) {
        throw Invalid.field(at + ".timeout", "must be > 0 (or infinite for none), was " + c.timeout());
      }
      if (c.retries() < 0 || c.retries() > 1_000) {
        throw Invalid.field(at + ".retries", "must be 0..1000, was " + c.retries());
      }
      if (c.backoff() == null) {
        throw Invalid.field(at + ".backoff", "is required");
      }
    }
    CircuitBreaker b = r.breaker();
    if (b != null) {
      String bs = at + ".breaker";
      if (b.byRatio()) {
        if (!(b.ratio() > 0 && b.ratio() <= 1)) {
          throw Invalid.field(bs + ".ratio", "must be in (0, 1], was " + b.ratio());
        }
        if (b.calls() > 100_000) {
          throw Invalid.field(bs + ".calls", "must be 1..100000, was " + b.calls());
        }
      } else {
        if (b.failures() < 1 || b.failures() > 100_000) {
          throw Invalid.field(bs + ".failures", "must be 1..100000 (or give a ratio and calls), was " + b.failures());
        }
        Invalid.positive(bs + ".window", b.window());
      }
      Invalid.positive(bs + ".openFor", b.openFor());
      if (b.halfOpenCalls() < 1 || b.halfOpenCalls() > 100_000) {
        throw Invalid.field(bs + ".halfOpenCalls", "must be 1..100000, was " + b.halfOpenCalls());
      }
    }
  }
}
