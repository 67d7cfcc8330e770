package io.doppel.server;

import io.doppel.predict.warning.WarningMonitor;
import io.doppel.predict.warning.WarningStore;
import io.doppel.server.backup.DataFormat;
import io.doppel.server.backup.StoreKind;
import io.doppel.store.rocksdb.Checkpointable;
import java.util.EnumMap;
import io.doppel.history.HistoryOptions;
import io.doppel.history.HistoryService;
import io.doppel.history.spi.SeriesStore;
import io.doppel.ingest.IngestOptions;
import io.doppel.ingest.Ingestor;
import io.doppel.ingest.MappingResolver;
import io.doppel.ingest.Presence;
import io.doppel.ingest.bridge.MqttBridgeType;
import io.doppel.ingest.connector.ConnectorRegistry;
import io.doppel.ingest.connector.FixedConnector;
import io.doppel.ingest.kafka.KafkaConnectorType;
import io.doppel.ingest.mapping.MappingService;
import io.doppel.ingest.mqtt.MqttEndpoint;
import io.doppel.ingest.spi.DeadLetterStore;
import io.doppel.ingest.spi.DocumentStore;
import io.doppel.model.Dtmi;
import io.doppel.predict.anomaly.LiveAnomalies;
import io.doppel.predict.anomaly.SeriesAnomalies;
import io.doppel.query.QueryService;
import io.doppel.server.auth.Policies;
import io.doppel.server.auth.QueryScope;
import io.doppel.server.auth.RelatedReach;
import io.doppel.store.rocksdb.RocksIngestStore;
import io.doppel.store.rocksdb.RocksRouteOutbox;
import io.doppel.store.rocksdb.RocksRuleStore;
import io.doppel.store.rocksdb.RocksSeriesStore;
import io.doppel.store.rocksdb.RocksTwinStore;
import io.doppel.stream.EventStream;
import io.doppel.stream.StreamOptions;
import io.doppel.stream.routes.EventRoutes;
import io.doppel.stream.rules.RuleEngine;
import io.doppel.stream.rules.TelemetrySource;
import io.doppel.stream.spi.RouteOutbox;
import io.doppel.stream.spi.RuleStore;
import io.doppel.twin.DoppelException;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.spi.TwinStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's complete, separate set of services: its graph (engine and store), history, change stream, rules,
 * anomalies, event routes, ingestion (mappings, connectors, dead letters), scenarios and query service, each in its
 * own RocksDB under the tenant's directory, and the API routes built on them. Nothing here holds a reference to
 * another tenant's services, so no route, query, stream or export can reach another tenant's data.
 */
final class Tenant implements AutoCloseable {
  /** Series a warning tick evaluates at most (once a second): forecasting must not take the cores from ingestion. */
  private static final int WARNINGS_PER_TICK = 50;

  private static final Logger LOG = LoggerFactory.getLogger(Tenant.class);

  /** What every tenant is opened with. {@code mqtt} is the shared endpoint once it runs (commands go through it). */
  /**
   * What every tenant is opened with; {@code admission} is the server's one write budget (the disk and cores are
   * shared, so is the limit), {@code admissionOptions.commitDelay()} how long the engine waits after each commit,
   * {@code disk} the data disk's guard every store writes through.
   */
  record Settings(ServerConfig config, HistoryOptions historyOptions, IngestOptions ingestOptions,
      AdmissionOptions admissionOptions, WriteAdmission admission, DiskGuard disk,
      Supplier<@Nullable MqttEndpoint> mqtt, byte[] continuationKey) {}

  private final String name;
  private final Policies policies;
  private final RelatedReach reach;
  private final TwinEngine engine;
  private final HistoryService history;
  private final EventStream streams;
  private final LiveAnomalies anomalies;
  private final ScoredTelemetry scored;
  private final WarningMonitor warnings;
  private final RuleEngine rules;
  private final RouteOutbox outbox;
  private final EventRoutes eventRoutes;
  private final QueryService queries;
  private final Presence presence;
  private final @Nullable RocksIngestStore ingestStore;
  private final DeadLetterStore deadLetters;
  private final Ingestor ingestor;
  private final MappingService mappings;
  private final ConnectorRegistry connectors;
  /** The RocksDB stores open under the tenant's directory, for backups (filled as they open). */
  private final Map<StoreKind, Checkpointable> stores = new EnumMap<>(StoreKind.class);
  private final FixedConnector httpTelemetry;
  private final FixedConnector mqttTelemetry;
  private final ScenarioRuns scenarioRuns;
  private final @Nullable DemoSummary demo;
  private final StreamRoutes streamRoutes;
  private final RouteTable routes = new RouteTable();
  /** What is open so far, so that a failed open closes it again in reverse order. */
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private boolean intakeStopped;
  private final TenantGate gate = new TenantGate();

  /**
   * Opens every service of one tenant under {@code dir} (in memory when null), loading the example packs when
   * {@code demo}; throws, with everything opened so far closed again, when a part cannot open.
   */
  static Tenant open(String name, @Nullable Path dir, Policies policies, boolean demo, Settings settings) {
    return new Tenant(name, dir, policies, demo, settings);
  }

  @SuppressWarnings("this-escape")
  private Tenant(String name, @Nullable Path dir, Policies policies, boolean loadDemo, Settings settings) {
    this.name = name;
    this.policies = policies;
    ServerConfig config = settings.config();
    long maxBody = config.maxBodyBytes();
    Clock clock = Clock.systemUTC();
    try {
      DiskGuard disk = settings.disk();
      this.engine = opened(openEngine(dir, settings.admissionOptions().commitDelay(), disk, stores));
      this.reach = new RelatedReach(engine::linksVersion, engine::snapshot);
      // before the demo, so that its twins are recorded
      this.history = opened(HistoryService.open(engine, dir == null ? SeriesStore.inMemory()
          : kept(StoreKind.HISTORY, RocksSeriesStore.open(dir.resolve("history"))), settings.historyOptions()));
      DemoSummary demoGraph = loadDemo ? new DemoLoader(engine).load() : null;
      this.streams = opened(EventStream.start(engine, StreamOptions.defaults(), new ChangeLogBacklog(history)));
      // scores every recorded value off the history writer; the rules get each message after its scoring
      this.anomalies = new LiveAnomalies(clock);
      this.scored = opened(new ScoredTelemetry(anomalies)); // closed after the rules it feeds
      history.onTelemetry(scored);
      engine.subscribe(anomalies::event);
      // time-to-threshold warnings: definitions in their own RocksDB under warnings/, one evaluating thread
      RecordedSeries recorded = new RecordedSeries(engine, history);
      this.warnings = new WarningMonitor(dir == null ? WarningStore.inMemory()
          : ruleStoreAsWarnings(kept(StoreKind.WARNINGS, RocksRuleStore.open(dir.resolve("warnings")))), recorded,
          clock, WARNINGS_PER_TICK);
      this.rules = opened(openRules(engine, dir == null ? null : kept(StoreKind.RULES,
          RocksRuleStore.open(dir.resolve("rules"))), history, scored, anomalies, warnings));
      opened(warnings); // closed before the rules it rechecks
      warnings.onTransition(t -> rules.recheck(t.warning().twinId())); // warning(name) in rules: alerts
      warnings.start(java.time.Duration.ofSeconds(1));
      this.outbox = opened(dir == null ? RouteOutbox.inMemory()
          : kept(StoreKind.ROUTES, RocksRouteOutbox.open(dir.resolve("routes"))));
      this.eventRoutes = opened(EventRoutes.open(engine, outbox)); // delivers what a previous run left waiting
      // Each query sees the graph as its caller may (the route binds the caller: QueryScope).
      this.queries = opened(new QueryService(() -> QueryScope.view(engine.snapshot()),
          time -> QueryScope.view(history.snapshotAt(time)), io.doppel.query.QueryLimits.defaults(), clock,
          new PredictSignals(anomalies, warnings, new QueryForecasts(recorded, clock), clock),
          settings.continuationKey()));
      this.presence = opened(Presence.start(clock, settings.ingestOptions().offlineAfter()));
      // Mappings, connector configurations, scenarios and dead letters in their own RocksDB under ingest/.
      this.ingestStore = dir == null ? null
          : opened(kept(StoreKind.INGEST, RocksIngestStore.open(dir.resolve("ingest"))));
      this.deadLetters = ingestStore == null ? opened(DeadLetterStore.inMemory())
          : GuardedStores.deadLetters(ingestStore.deadLetters(), disk);
      this.ingestor = new Ingestor(engine, (id, component, values, sourceTime) -> {
        disk.requireWritable(); // a connector's telemetry is refused like HTTP's while the disk is below its reserve
        return GuardedStores.watched(history.recordTelemetry(id, component, values, sourceTime, null), disk);
      }, deadLetters, presence, MappingResolver.convention(), clock, settings.admission().budget());
      this.mappings = new MappingService(documents("mappings"), () -> engine.catalog(), clock, ingestor::mappings);
      // The demo's devices publish in their own shapes: their mappings must be there before the endpoints open.
      this.demo = demoGraph == null ? null : demoGraph.withMappings(DemoLoader.loadMappings(mappings));
      this.connectors = opened(new ConnectorRegistry(documents("connectors"), ingestor,
          List.of(new KafkaConnectorType(), new MqttBridgeType()), clock));
      this.httpTelemetry = new FixedConnector("http", "http-telemetry", clock);
      this.mqttTelemetry = new FixedConnector("mqtt", "mqtt-endpoint", clock);
      connectors.addFixed(httpTelemetry);
      if (settings.ingestOptions().mqttPort() >= 0) {
        connectors.addFixed(mqttTelemetry);
      }
      ingestor.observe(new FixedConnectorMeters());
      // What-if scenarios: runs on one background thread, replications on all cores but one, so that ingestion
      // and queries keep a core.
      ScenarioStore scenarios = new ScenarioStore(documents("scenarios"), clock);
      this.scenarioRuns = opened(new ScenarioRuns(engine, history,
          Math.max(1, Runtime.getRuntime().availableProcessors() - 1), clock, documents("scenario-runs"),
          new ScenarioQueue(settings.admissionOptions().maxQueuedScenarioRuns())));
      this.streamRoutes = new StreamRoutes(streams, this::twinModel);
      new ModelRoutes(engine, maxBody).addTo(routes);
      new TwinRoutes(engine, maxBody, history::snapshotAt).addTo(routes);
      new RelationshipRoutes(engine, maxBody).addTo(routes);
      new QueryRoutes(queries, maxBody).addTo(routes);
      new IndexRoutes(engine).addTo(routes);
      streamRoutes.addTo(routes);
      new HistoryRoutes(history, maxBody).addTo(routes);
      new ForecastRoutes(history).addTo(routes);
      new ChangesRoutes(history).addTo(routes);
      new RuleRoutes(rules, maxBody).addTo(routes);
      new AnomalyRoutes(engine, anomalies, maxBody).addTo(routes);
      new WarningRoutes(engine, warnings, maxBody).addTo(routes);
      new HistoryExportRoutes(history, maxBody).addTo(routes);
      new EventRouteRoutes(eventRoutes, maxBody).addTo(routes);
      new ConnectionRoutes(engine, presence).addTo(routes);
      new HttpIngestRoutes(ingestor, settings.admission(), maxBody).addTo(routes);
      new MappingRoutes(mappings, maxBody).addTo(routes);
      new DeadLetterRoutes(ingestor, maxBody).addTo(routes);
      new ConnectorRoutes(connectors, maxBody).addTo(routes);
      new CommandRoutes(engine, settings.mqtt(), name, maxBody).addTo(routes);
      new ScenarioRoutes(scenarios, scenarioRuns, maxBody).addTo(routes);
    } catch (RuntimeException e) {
      closeOpened();
      throw e;
    }
  }

  /** Starts the stored connectors: after the API is up, since a connector's first messages may need a while. */
  void start() {
    connectors.startStored();
  }

  String name() {
    return name;
  }

  RouteTable routes() {
    return routes;
  }

  StreamRoutes streamRoutes() {
    return streamRoutes;
  }

  Policies policies() {
    return policies;
  }

  /** What policies' {@code related} selectors cover in this tenant's graph. */
  RelatedReach reach() {
    return reach;
  }

  TwinEngine engine() {
    return engine;
  }

  HistoryService history() {
    return history;
  }

  EventStream streams() {
    return streams;
  }

  RuleEngine rules() {
    return rules;
  }

  LiveAnomalies anomalies() {
    return anomalies;
  }

  /** The time-to-threshold warnings behind {@code /warnings} and {@code /digitaltwins/{id}/warnings}. */
  WarningMonitor warnings() {
    return warnings;
  }

  EventRoutes eventRoutes() {
    return eventRoutes;
  }

  Ingestor ingestor() {
    return ingestor;
  }

  DeadLetterStore deadLetters() {
    return deadLetters;
  }

  /** The requests working in this tenant (see {@link Tenants#enter}). */
  TenantGate gate() {
    return gate;
  }

  /** The tenant's RocksDB stores by kind (empty in memory): what a backup checkpoints. */
  Map<StoreKind, Checkpointable> stores() {
    return stores;
  }

  private <T extends Checkpointable> T kept(StoreKind kind, T store) {
    stores.put(kind, store);
    return store;
  }

  ConnectorRegistry connectors() {
    return connectors;
  }

  MappingService mappings() {
    return mappings;
  }

  @Nullable DemoSummary demo() {
    return demo;
  }

  /** An accepted HTTP telemetry post, counted on the fixed {@code http} connector. */
  void httpTelemetryReceived() {
    httpTelemetry.meter().received();
  }

  /** The model of a twin for the policies, or null when there is no such twin (yet). */
  @Nullable Dtmi twinModel(String id) {
    try {
      return engine.modelOf(id);
    } catch (DoppelException e) {
      return null;
    }
  }

  /** Ends open streams (telling clients why) and stops the connectors: nothing new comes in or goes out. */
  synchronized void stopIntake() {
    if (intakeStopped) {
      return;
    }
    intakeStopped = true;
    streams.close();
    connectors.close(); // commits what is durable before the engine goes
  }

  @Override
  public void close() {
    stopIntake();
    scenarioRuns.close(); // cancels a run in progress: its replications stop within 2^20 events
    presence.close();
    warnings.close(); // before the rules it rechecks
    rules.close(); // before the engine: it may be writing a derived value
    scored.close(); // its thread holds the rules, and through them the engine: a tenant closed must let go
    eventRoutes.close(); // stops delivering; what waits stays in the outboxes for the next start
    queries.close(); // releases the snapshots paged queries hold
    engine.close(); // closes the store too
    history.close(); // after the engine, so that its last changes are recorded
    outbox.close();
    deadLetters.close();
    if (ingestStore != null) {
      ingestStore.close();
    }
  }

  private <T extends AutoCloseable> T opened(T resource) {
    opened.push(resource);
    return resource;
  }

  private void closeOpened() {
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        LOG.warn("cannot close a part of tenant {} after a failed start", name, e);
      }
    }
  }

  private DocumentStore documents(String kind) {
    return ingestStore == null ? DocumentStore.inMemory() : ingestStore.documents(kind);
  }

  /** Counts what reaches the ingestor from the fixed connectors (HTTP /ingest and the MQTT endpoint). */
  private final class FixedConnectorMeters implements Ingestor.Observer {
    private final Map<String, FixedConnector> byChannel = new HashMap<>();

    FixedConnectorMeters() {
      byChannel.put("http", httpTelemetry);
      byChannel.put("mqtt", mqttTelemetry);
    }

    @Override
    public void received(io.doppel.ingest.Message message) {
      FixedConnector fixed = byChannel.get(message.connector());
      if (fixed != null) {
        fixed.meter().received();
      }
    }

    @Override
    public void outcome(io.doppel.ingest.Message message, io.doppel.ingest.Outcome outcome) {
      FixedConnector fixed = byChannel.get(message.connector());
      if (fixed != null) {
        fixed.meter().outcome(outcome);
      }
    }
  }

  private static TwinEngine openEngine(@Nullable Path dir, java.time.Duration commitDelay, DiskGuard disk,
      Map<StoreKind, Checkpointable> stores) {
    if (dir == null) {
      return TwinEngine.open(TwinStore.inMemory(), Clock.systemUTC(), commitDelay);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dir, e);
    }
    DataFormat.prepare(dir); // refuses a newer directory before any store opens it
    RocksTwinStore rocks = RocksTwinStore.open(dir);
    stores.put(StoreKind.TWINS, rocks);
    TwinStore store = GuardedStores.twins(rocks, disk);
    try {
      return TwinEngine.open(store, Clock.systemUTC(), commitDelay);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * The rules, stored in their own RocksDB under {@code rules} (or in memory), reading telemetry recorded before
   * they started from the history and told of new telemetry once the history made it durable.
   */
  /** Warning definitions kept like rules: by name, as JSON, each write synced. */
  private static WarningStore ruleStoreAsWarnings(RuleStore store) {
    return new WarningStore() {
      @Override
      public Map<String, String> load() {
        return store.load();
      }

      @Override
      public void put(String name, String definitionJson) {
        store.put(name, definitionJson);
      }

      @Override
      public void delete(String name) {
        store.delete(name);
      }

      @Override
      public void close() {
        store.close();
      }
    };
  }

  private static RuleEngine openRules(TwinEngine engine, @Nullable RuleStore stored, HistoryService history,
      ScoredTelemetry scored, LiveAnomalies anomalies, WarningMonitor warnings) {
    RuleStore store = stored == null ? RuleStore.inMemory() : stored;
    RuleEngine rules = RuleEngine.start(engine, store, Clock.systemUTC(), new TelemetrySource() {
      @Override
      public Map<String, Double> latest(String twinId) {
        Map<String, Double> latest = new HashMap<>();
        history.latest(twinId).forEach((name, point) -> latest.put(name, point.value()));
        return latest;
      }

      @Override
      public @Nullable Double anomalyScore(String twinId, String series) {
        // what anomaly(name) reads in a rule: the score of the latest value, already computed (see the constructor)
        return anomalies.series(twinId, series).map(SeriesAnomalies::latest).map(p -> p.score().score())
            .orElse(null);
      }

      @Override
      public boolean warningActive(String twinId, String series) {
        return warnings.soonest(twinId, series) != null;
      }
    });
    scored.then(rules::telemetry); // after scoring: a rule reading anomaly(...) sees the value's own score
    return rules;
  }
}
