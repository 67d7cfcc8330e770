package io.doppel.sim.network;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Runs a network's replications, each on its own kernel and random streams, in parallel on a pool of
 * {@code parallelism} threads (CPU-bound work: platform threads, not virtual ones). Results come back in
 * replication order whatever the scheduling, so a seed always gives the same answer.
 */
public final class Simulation {
  private Simulation() {}

  public static SimulationResult run(Network network, SimulationConfig config) {
    int reps = config.replications();
    int threads = Math.min(reps, config.parallelism());
    List<ReplicationResult> results = new ArrayList<>(reps);
    if (threads == 1) {
      for (int r = 0; r < reps; r++) {
        results.add(new QueueingRun(network, config, r).run());
      }
      return SimulationResult.summarise(results, config.confidenceLevel());
    }
    try (ForkJoinPool pool = new ForkJoinPool(threads)) {
      List<Future<ReplicationResult>> futures = new ArrayList<>(reps);
      for (int r = 0; r < reps; r++) {
        int replication = r;
        futures.add(pool.submit(() -> new QueueingRun(network, config, replication).run()));
      }
      for (Future<ReplicationResult> f : futures) {
        results.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("simulation interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("a replication failed", e.getCause());
    }
    return SimulationResult.summarise(results, config.confidenceLevel());
  }
}
