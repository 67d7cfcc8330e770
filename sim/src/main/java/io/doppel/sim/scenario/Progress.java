package io.doppel.sim.scenario;

/** Told after each replication finishes, from the thread that ran it. */
@FunctionalInterface
public interface Progress {
  Progress NONE = (done, total) -> { };

  void replicationsDone(int done, int total);
}
