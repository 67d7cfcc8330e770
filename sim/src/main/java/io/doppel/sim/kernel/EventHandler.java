package io.doppel.sim.kernel;

/** What a model does when one of its events comes due; it schedules follow-ups on the kernel it was given. */
@FunctionalInterface
public interface EventHandler {
  void handle(int kind, long payload);
}
