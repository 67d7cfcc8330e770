package io.doppel.server;

import io.doppel.ingest.connector.ConnectorRegistry;
import io.doppel.ingest.connector.ConnectorStatus;
import io.doppel.ingest.spi.DeadLetterStore;
import io.doppel.server.backup.StoreKind;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The operator's meters beside the engine's: JVM heap, GC and threads, CPU, free disk under the data directory,
 * each store's size on disk, and per connector the messages in, their rate, lag and dead letters.
 */
final class OpsMeters implements AutoCloseable {
  private final MeterRegistry registry;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final ConnectorRegistry connectors;
  /** The connectors' statuses as of the last scrape; meters read from here (one list() per scrape). */
  private final Map<String, ConnectorStatus> latest = new ConcurrentHashMap<>();
  private final Set<String> metered = ConcurrentHashMap.newKeySet();

  OpsMeters(MeterRegistry registry, @Nullable Path dataDir, ConnectorRegistry connectors,
      DeadLetterStore deadLetters) {
    this.registry = registry;
    this.connectors = connectors;
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    Gauge.builder("doppel.deadletters.stored", deadLetters, DeadLetterStore::count)
        .description("dead letters kept (unmappable or refused messages waiting for a replay or delete)")
        .register(registry);
    if (dataDir != null) {
      new DiskSpaceMetrics(dataDir.toFile()).bindTo(registry);
      for (StoreKind kind : StoreKind.values()) {
        Path dir = kind.dataPath().isEmpty() ? dataDir : dataDir.resolve(kind.dataPath());
        Gauge.builder("doppel.store.disk", dir, OpsMeters::filesSize).baseUnit("bytes").tag("store", kind.id())
            .description("bytes of a store's files on disk (live files, write-ahead log, info logs)")
            .register(registry);
      }
    }
    refresh();
  }

  /** Called before each scrape: new connectors get their meters, all read the statuses taken now. */
  void refresh() {
    for (ConnectorRegistry.View view : connectors.list()) {
      ConnectorStatus status = view.status();
      latest.put(status.id(), status);
      if (metered.add(status.id())) {
        register(status);
      }
    }
  }

  private void register(ConnectorStatus status) {
    String id = status.id();
    counter(id, status.type(), "doppel.ingest.messages", "messages a connector handed to the ingestor",
        s -> s.messagesIn());
    counter(id, status.type(), "doppel.ingest.dead.letters", "messages of a connector that became dead letters",
        s -> s.deadLetters());
    gauge(id, status.type(), "doppel.ingest.rate", "messages per second over the last minute",
        ConnectorStatus::ratePerSecond);
    gauge(id, status.type(), "doppel.ingest.lag",
        "messages at the source not yet durable here (Kafka consumer lag, MQTT in flight); NaN when unknown",
        s -> s.lag() == null ? Double.NaN : s.lag());
  }

  private void counter(String id, String type, String name, String help, ToDoubleFunction<ConnectorStatus> value) {
    FunctionCounter.builder(name, latest, m -> read(m, id, value, 0)).tag("connector", id).tag("type", type)
        .description(help).register(registry);
  }

  private void gauge(String id, String type, String name, String help, ToDoubleFunction<ConnectorStatus> value) {
    Gauge.builder(name, latest, m -> read(m, id, value, Double.NaN)).tag("connector", id).tag("type", type)
        .description(help).register(registry);
  }

  private static double read(Map<String, ConnectorStatus> statuses, String id, ToDoubleFunction<ConnectorStatus> value,
      double absent) {
    ConnectorStatus status = statuses.get(id);
    return status == null ? absent : value.applyAsDouble(status);
  }

  /** RocksDB directories are flat; a missing one (a store not opened yet) is 0. */
  private static double filesSize(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0; // removed by a compaction between the listing and the size
        }
      }).sum();
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  @Override
  public void close() {
    gc.close();
  }
}
