package io.doppel.bench.engine;

import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The probes' load: durable patches of one numeric property of {@code sensor-0..twins-1}, a sliding window of
 * {@code window} writes in flight, until the deadline; {@code done} counts the acknowledged ones (join rethrows
 * a refused or failed patch, so only durable writes count).
 */
final class WindowedPatches {
  private WindowedPatches() {}

  static void run(TwinEngine engine, int twins, int window, long deadlineNanos, LongAdder done) {
    ArrayDeque<CompletableFuture<?>> inFlight = new ArrayDeque<>(window);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (System.nanoTime() < deadlineNanos) {
      inFlight.addLast(engine.submitPatch("sensor-" + random.nextInt(twins), SensorModel.patch(random.nextDouble()),
          Precondition.none()));
      if (inFlight.size() > window) {
        inFlight.removeFirst().join();
        done.increment();
      }
    }
    while (!inFlight.isEmpty()) {
      inFlight.removeFirst().join();
      done.increment();
    }
  }
}
