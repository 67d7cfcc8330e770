package io.doppel.bench.query;

import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes durable patches (status and temperature, both indexed) to random assets at a steady rate on its own thread,
 * so queries can be measured while the graph changes under them.
 */
final class PatchWriter implements AutoCloseable {
  private final TwinEngine engine;
  private final int twins;
  private final int perSecond;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;
  private long startNanos;
  private long stopNanos;

  private PatchWriter(TwinEngine engine, int twins, int perSecond) {
    this.engine = engine;
    this.twins = twins;
    this.perSecond = perSecond;
    this.thread = Thread.ofPlatform().name("bench-patch-writer").daemon(true).unstarted(this::write);
  }

  static PatchWriter start(TwinEngine engine, int twins, int perSecond) throws InterruptedException {
    PatchWriter writer = new PatchWriter(engine, twins, perSecond);
    writer.startNanos = System.nanoTime();
    writer.thread.start();
    Thread.sleep(1000); // let the rate settle before queries are timed
    return writer;
  }

  private void write() {
    SplittableRandom random = new SplittableRandom(42);
    long submitted = 0;
    while (running) {
      long due = (System.nanoTime() - startNanos) * perSecond / 1_000_000_000L;
      for (; submitted < due; submitted++) {
        engine.submitPatch(AssetGraph.assetId(random.nextInt(twins)), AssetGraph.statusPatch(random),
                Precondition.none())
            .whenComplete((ok, failure) -> (failure == null ? acknowledged : refused).incrementAndGet());
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  String report() {
    long end = stopNanos == 0 ? System.nanoTime() : stopNanos;
    double seconds = (end - startNanos) / 1e9;
    return String.format(Locale.ROOT, "%,.0f durable patches/s acknowledged, %d refused", acknowledged.get() / seconds,
        refused.get());
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
    stopNanos = System.nanoTime();
  }
}
