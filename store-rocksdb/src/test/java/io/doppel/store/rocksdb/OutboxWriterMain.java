package io.doppel.store.rocksdb;

import io.doppel.stream.spi.OutboxEntry;
import io.doppel.stream.spi.RoutedEntry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The process {@link RocksRouteOutboxTest} kills: appends entries to route {@code r} one by one and reports each
 * version on standard output once {@code append} returned, until killed.
 */
public final class OutboxWriterMain {
  private OutboxWriterMain() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
    RocksRouteOutbox outbox = RocksRouteOutbox.open(Path.of(args[0]));
    outbox.saveRoute("r", "{}");
    for (long v = 1; ; v++) {
      outbox.append(List.of(new RoutedEntry("r", new OutboxEntry(v, "twin-" + (v % 7), "io.doppel.twin.patched",
          "{\"id\":\"" + v + "\"}"))));
      out.println(v);
    }
  }
}
