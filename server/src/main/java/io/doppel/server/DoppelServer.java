package io.doppel.server;

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
import io.doppel.ingest.mqtt.MqttAuthenticator;
import io.doppel.ingest.mqtt.MqttEndpoint;
import io.doppel.ingest.mqtt.MqttOptions;
import io.doppel.ingest.mqtt.MqttTls;
import io.doppel.ingest.spi.DeadLetterStore;
import io.doppel.ingest.spi.DocumentStore;
import io.doppel.predict.anomaly.LiveAnomalies;
import io.doppel.predict.anomaly.SeriesAnomalies;
import io.doppel.predict.warning.WarningMonitor;
import io.doppel.predict.warning.WarningStore;
import io.doppel.store.rocksdb.RocksIngestStore;
import io.doppel.query.QueryService;
import io.doppel.store.rocksdb.RocksRuleStore;
import io.doppel.store.rocksdb.RocksSeriesStore;
import io.doppel.store.rocksdb.RocksTwinStore;
import io.doppel.stream.EventStream;
import io.doppel.stream.StreamOptions;
import io.doppel.stream.rules.RuleEngine;
import io.doppel.stream.rules.TelemetrySource;
import io.doppel.stream.spi.RuleStore;
import io.doppel.stream.routes.EventRoutes;
import io.doppel.stream.spi.RouteOutbox;
import io.doppel.store.rocksdb.RocksRouteOutbox;
import io.doppel.server.auth.AccessControl;
import io.doppel.server.auth.AccessGuard;
import io.doppel.server.auth.Action;
import io.doppel.server.auth.ApiKeys;
import io.doppel.server.auth.AuditLog;
import io.doppel.server.auth.AuthFailure;
import io.doppel.server.auth.AuthStore;
import io.doppel.server.auth.Policies;
import io.doppel.server.auth.Principal;
import io.doppel.server.auth.RocksAuthStore;
import io.doppel.server.auth.SecurityHeaders;
import io.doppel.model.Dtmi;
import io.doppel.twin.DoppelException;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.spi.TwinStore;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.NetworkConnector;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the store and the engine, loads the demo when asked, and serves the HTTP API.
 * Everything is built here with {@code new}; {@link #close()} undoes it in reverse order.
 */
public final class DoppelServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DoppelServer.class);
  /** Series a warning tick evaluates at most (once a second): forecasting must not take the cores from ingestion. */
  private static final int WARNINGS_PER_TICK = 50;

  private final ServerConfig config;
  private final TwinEngine engine;
  private final HistoryService history;
  private final HttpMetrics metrics;
  private final QueryService queries;
  private final @Nullable DemoSummary demo;
  private final EventStream streams;
  private final Presence presence;
  private final DeadLetterStore deadLetters;
  private final Ingestor ingestor;
  private final RuleEngine rules;
  private final LiveAnomalies anomalies;
  private final WarningMonitor warnings;
  private final @Nullable RocksIngestStore ingestStore;
  private final MappingService mappings;
  private final ConnectorRegistry connectors;
  private final FixedConnector httpTelemetry;
  private final IngestOptions ingestOptions;
  private volatile @Nullable MqttEndpoint mqtt; // started after HTTP, when ingestOptions.mqttPort() >= 0
  private final RouteOutbox outbox;
  private final EventRoutes eventRoutes;
  private final ScenarioRuns scenarioRuns;
  private final RouteTable routes;
  private final AuthStore authStore;
  private final AuditLog audit;
  private final AccessControl access;
  private final AccessGuard guard;
  private final Javalin app;

  private DoppelServer(ServerConfig config, HistoryOptions historyOptions, IngestOptions ingestOptions) {
    this.config = config;
    Path dir = config.dataDir();
    this.engine = dir == null ? TwinEngine.inMemory() : openEngine(dir);
    this.history = openHistory(engine, dir, historyOptions); // before the demo, so that its twins are recorded
    DemoSummary demoGraph = loadDemo(engine, config.demo());
    this.streams = EventStream.start(engine, StreamOptions.defaults(), new ChangeLogBacklog(history));
    // scores every recorded value; registered before the rules so a value is scored before rules see it
    this.anomalies = new LiveAnomalies(Clock.systemUTC());
    history.onTelemetry((id, component, message) -> anomalies.telemetry(id, component, message, null));
    engine.subscribe(anomalies::event);
    // time-to-threshold warnings: definitions in their own RocksDB under <data>/warnings, one evaluating thread
    this.warnings = new WarningMonitor(dir == null ? WarningStore.inMemory()
        : ruleStoreAsWarnings(RocksRuleStore.open(dir.resolve("warnings"))), new RecordedSeries(engine, history),
        Clock.systemUTC(), WARNINGS_PER_TICK);
    this.rules = openRules(engine, dir, history, streams, anomalies, warnings);
    warnings.onTransition(t -> rules.recheck(t.warning().twinId())); // warning(name) in rules: alerts
    warnings.start(java.time.Duration.ofSeconds(1));
    this.outbox = dir == null ? RouteOutbox.inMemory() : RocksRouteOutbox.open(dir.resolve("routes"));
    this.eventRoutes = EventRoutes.open(engine, outbox); // delivers what a previous run left in the outboxes
    this.metrics = new HttpMetrics(engine);
    metrics.bind(eventRoutes);
    // Each query sees the graph as its caller may (the route binds the caller: QueryScope).
    this.queries = new QueryService(() -> io.doppel.server.auth.QueryScope.view(engine.snapshot()),
        time -> io.doppel.server.auth.QueryScope.view(history.snapshotAt(time)),
        io.doppel.query.QueryLimits.defaults(), Clock.systemUTC(), new PredictSignals(anomalies, warnings,
        Clock.systemUTC()));
    this.presence = Presence.start(Clock.systemUTC(), ingestOptions.offlineAfter());
    // Mappings, connector configurations and dead letters in their own RocksDB under <data>/ingest.
    this.ingestStore = dir == null ? null : openIngest(dir, engine, history);
    this.deadLetters = ingestStore == null ? DeadLetterStore.inMemory() : ingestStore.deadLetters();
    this.ingestor = new Ingestor(engine, (id, component, values, sourceTime) ->
        history.recordTelemetry(id, component, values, sourceTime, null), deadLetters, presence,
        MappingResolver.convention(), Clock.systemUTC());
    this.mappings = new MappingService(ingestStore == null ? DocumentStore.inMemory()
        : ingestStore.documents("mappings"), () -> engine.catalog(), Clock.systemUTC(), ingestor::mappings);
    // The demo's devices publish in their own shapes: their mappings must be there before the endpoints open.
    this.demo = demoGraph == null ? null : demoGraph.withMappings(DemoLoader.loadMappings(mappings));
    this.connectors = new ConnectorRegistry(ingestStore == null ? DocumentStore.inMemory()
        : ingestStore.documents("connectors"), ingestor, List.of(new KafkaConnectorType(), new MqttBridgeType()),
        Clock.systemUTC());
    this.httpTelemetry = new FixedConnector("http", "http-telemetry", Clock.systemUTC());
    connectors.addFixed(httpTelemetry);
    FixedConnector mqttEndpoint = new FixedConnector("mqtt", "mqtt-endpoint", Clock.systemUTC());
    if (ingestOptions.mqttPort() >= 0) {
      connectors.addFixed(mqttEndpoint);
    }
    // The fixed connectors' meters count what reaches the ingestor from them (HTTP /ingest and the MQTT endpoint).
    ingestor.observe(new Ingestor.Observer() {
      @Override
      public void received(io.doppel.ingest.Message message) {
        FixedConnector fixed = fixedFor(message.connector(), mqttEndpoint);
        if (fixed != null) {
          fixed.meter().received();
        }
      }

      @Override
      public void outcome(io.doppel.ingest.Message message, io.doppel.ingest.Outcome outcome) {
        FixedConnector fixed = fixedFor(message.connector(), mqttEndpoint);
        if (fixed != null) {
          fixed.meter().outcome(outcome);
        }
      }
    });
    this.ingestOptions = ingestOptions;
    if (ingestOptions.mqttPort() >= 0) {
      metrics.mqtt(() -> {
        MqttEndpoint endpoint = mqtt;
        return endpoint == null ? null : endpoint.stats();
      });
    }
    // Keys, policies and the audit log in their own RocksDB under <data>/auth.
    this.authStore = dir == null ? AuthStore.inMemory() : RocksAuthStore.open(dir.resolve("auth"));
    this.audit = new AuditLog(authStore, Clock.systemUTC());
    this.access = new AccessControl(config.auth(), config.token(), new ApiKeys(authStore, Clock.systemUTC()),
        new Policies(authStore), engine::catalog, this::twinModel);
    this.guard = new AccessGuard(access, this::resolve);
    this.routes = new RouteTable();
    new AuthRoutes(access, audit, config.maxBodyBytes(), config.tls()).addTo(routes);
    new ModelRoutes(engine, config.maxBodyBytes()).addTo(routes);
    new TwinRoutes(engine, config.maxBodyBytes(), history::snapshotAt).addTo(routes);
    new RelationshipRoutes(engine, config.maxBodyBytes()).addTo(routes);
    new QueryRoutes(queries, config.maxBodyBytes()).addTo(routes);
    new IndexRoutes(engine).addTo(routes);
    StreamRoutes streamRoutes = new StreamRoutes(streams, guard, this::twinModel);
    streamRoutes.addTo(routes);
    new HistoryRoutes(history, config.maxBodyBytes()).addTo(routes);
    new ForecastRoutes(history).addTo(routes);
    new ChangesRoutes(history).addTo(routes);
    new RuleRoutes(rules, config.maxBodyBytes()).addTo(routes);
    new AnomalyRoutes(engine, anomalies, config.maxBodyBytes()).addTo(routes);
    new WarningRoutes(engine, warnings, config.maxBodyBytes()).addTo(routes);
    new HistoryExportRoutes(history, config.maxBodyBytes()).addTo(routes);
    new EventRouteRoutes(eventRoutes, config.maxBodyBytes()).addTo(routes);
    new OpsRoutes(engine, metrics).addTo(routes);
    new ConnectionRoutes(engine, presence).addTo(routes);
    new HttpIngestRoutes(ingestor, config.maxBodyBytes()).addTo(routes);
    new MappingRoutes(mappings, config.maxBodyBytes()).addTo(routes);
    new DeadLetterRoutes(ingestor, config.maxBodyBytes()).addTo(routes);
    new ConnectorRoutes(connectors, config.maxBodyBytes()).addTo(routes);
    new CommandRoutes(engine, () -> mqtt, config.maxBodyBytes()).addTo(routes);
    // What-if scenarios: definitions stored beside the mappings; runs on one background thread, replications on
    // all cores but one, so that ingestion and queries keep a core.
    ScenarioStore scenarios = new ScenarioStore(ingestStore == null ? DocumentStore.inMemory()
        : ingestStore.documents("scenarios"), Clock.systemUTC());
    this.scenarioRuns = new ScenarioRuns(engine, history, Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
        Clock.systemUTC());
    new ScenarioRoutes(scenarios, scenarioRuns, config.maxBodyBytes()).addTo(routes);
    this.app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      c.concurrency.useVirtualThreads = true;
      c.http.prefer405over404 = true;
      c.http.maxRequestSize = config.maxBodyBytes();
      c.router.ignoreTrailingSlashes = true;
      c.jetty.host = config.host();
      c.jetty.port = config.port();
      // DTMIs carry ';' (dtmi:x:y;1) which strict URI rules treat as a path parameter: keep it as data.
      c.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(UriCompliance.LEGACY));
      if (config.tls()) {
        c.jetty.addConnector((server, http) -> Tls.connector(server, http, config));
      }
      c.requestLogger.http((ctx, millis) -> {
        metrics.record(ctx, millis);
        countHttpTelemetry(ctx);
        audit(ctx);
      });
      c.routes.before(SecurityHeaders::apply);
      // Every request and every WebSocket upgrade (which HTTP before-handlers do not see) passes the guard.
      c.routes.before(guard::check);
      c.routes.wsBeforeUpgrade(guard::check);
      routes.registerOn(c.routes);
      streamRoutes.addWebSocketTo(c.routes);
      new UiRoutes().addTo(c.routes); // the web UI's files, outside the API's RouteTable
      c.routes.exception(AuthFailure.class, ErrorMapping::render);
      c.routes.exception(DoppelException.class, ErrorMapping::render);
      c.routes.exception(ApiFailure.class, ErrorMapping::render);
      c.routes.exception(HttpResponseException.class, ErrorMapping::render);
      c.routes.exception(Exception.class, ErrorMapping::unexpected);
    });
  }

  /** Opens everything and starts serving; throws (after cleaning up) when any part cannot start. */
  public static DoppelServer start(ServerConfig config) {
    return start(config, HistoryOptions.defaults());
  }

  /** {@link #start(ServerConfig)} with the history's retention and chunking. */
  public static DoppelServer start(ServerConfig config, HistoryOptions historyOptions) {
    return start(config, historyOptions, IngestOptions.defaults());
  }

  /** {@link #start(ServerConfig, HistoryOptions)} with how data comes in (MQTT endpoint, inactivity timeout). */
  public static DoppelServer start(ServerConfig config, HistoryOptions historyOptions, IngestOptions ingestOptions) {
    DoppelServer server = new DoppelServer(config, historyOptions, ingestOptions);
    try {
      server.app.start();
      server.connectors.startStored(); // after the API is up: a connector's first messages may need a while
      server.startMqtt();
    } catch (RuntimeException e) {
      server.app.stop();
      server.connectors.close();
      if (server.ingestStore != null) {
        server.ingestStore.close();
      }
      server.presence.close();
      server.warnings.close();
      server.rules.close();
      server.streams.close();
      server.eventRoutes.close();
      server.queries.close();
      server.metrics.close();
      server.engine.close();
      server.history.close();
      server.outbox.close();
      server.audit.close();
      server.authStore.close();
      throw e;
    }
    LOG.info("Doppel {} listening on {}", version(), server.baseUri());
    return server;
  }

  /** The MQTT endpoint on the same interface, with the same token (as password) and TLS keystore as HTTP. */
  private void startMqtt() {
    if (ingestOptions.mqttPort() < 0) {
      return;
    }
    MqttOptions options = MqttOptions.of(config.host(), ingestOptions.mqttPort())
        .withAuthenticator(access.required() ? this::authenticateDevice : MqttAuthenticator.anyone());
    Path keystore = config.tlsKeystore();
    String password = config.tlsPassword();
    if (keystore != null && password != null) {
      options = options.withTls(MqttTls.fromPkcs12(keystore, password));
    }
    this.mqtt = MqttEndpoint.start(options, ingestor, engine);
  }

  /**
   * A device's CONNECT: the password is an API key (or the admin key) whose holder may write every twin, since a
   * device's topics name any twin. The username is free (e.g. the device's name).
   */
  private MqttAuthenticator.Verdict authenticateDevice(MqttAuthenticator.Credentials credentials) {
    byte[] password = credentials.password();
    if (password == null) {
      return MqttAuthenticator.Verdict.BAD_CREDENTIALS;
    }
    Principal principal;
    try {
      principal = access.authenticate(new String(password, java.nio.charset.StandardCharsets.UTF_8));
    } catch (AuthFailure e) {
      auditDevice(credentials, "-", 401, "denied");
      return MqttAuthenticator.Verdict.BAD_CREDENTIALS;
    }
    if (!access.access(principal).allowsEverywhere(Action.WRITE)) {
      auditDevice(credentials, principal.id(), 403, "denied");
      return MqttAuthenticator.Verdict.NOT_AUTHORIZED;
    }
    return MqttAuthenticator.Verdict.ACCEPTED;
  }

  private void auditDevice(MqttAuthenticator.Credentials credentials, String principal, int status, String outcome) {
    audit.record(new AuditLog.Request(java.time.Instant.now(), principal, "MQTT CONNECT",
        "client " + credentials.clientId(), "mqtt", status, outcome, String.valueOf(credentials.remote())));
  }

  /** Writes and refusals go to the audit log, with the caller, the route and how the request ended. */
  private void audit(io.javalin.http.Context ctx) {
    int status = ctx.statusCode();
    io.javalin.http.HandlerType method = ctx.method();
    boolean write = method == io.javalin.http.HandlerType.POST || method == io.javalin.http.HandlerType.PUT
        || method == io.javalin.http.HandlerType.PATCH || method == io.javalin.http.HandlerType.DELETE;
    boolean denied = status == 401 || status == 403;
    if (!write && !denied) {
      return;
    }
    Object route = ctx.attribute(RouteTable.ROUTE_ATTRIBUTE);
    String principal = ctx.attribute(AccessGuard.ACCESS_ATTRIBUTE) instanceof io.doppel.server.auth.Access a
        ? a.principal().id() : "-";
    audit.record(new AuditLog.Request(java.time.Instant.now(), principal, method.name(), ctx.path(),
        route instanceof String r ? r : "", status, denied ? "denied" : status >= 400 ? "failed" : "ok", ctx.ip()));
  }

  /** The model of a twin for the policies, or null when there is no such twin (yet). */
  private @Nullable Dtmi twinModel(String id) {
    try {
      return engine.modelOf(id);
    } catch (DoppelException e) {
      return null;
    }
  }

  /** The route template and path parameters Javalin would pick for a request: what the guard checks against. */
  private AccessGuard.@Nullable Match resolve(io.javalin.http.HandlerType method, String path) {
    for (io.javalin.router.ParsedEndpoint endpoint : app.unsafe.internalRouter.findHttpHandlerEntries(method, path)) {
      return new AccessGuard.Match(endpoint.endpoint.path, endpoint.extractPathParams(path));
    }
    return null;
  }

  /** Every HTTP endpoint Javalin serves, as {@code METHOD template}: what the route-enumeration test walks. */
  List<String> httpEndpoints() {
    Set<String> methods = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(e -> methods.contains(e.endpoint.method.name())) // not the before/after handlers
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
  }

  /** Keys, policies and the admin's checks. */
  public AccessControl accessControl() {
    return access;
  }

  public AuditLog audit() {
    return audit;
  }

  /** The MQTT endpoint's counters, or null when it is off. */
  public io.doppel.ingest.mqtt.@Nullable MqttStats mqttStats() {
    MqttEndpoint endpoint = mqtt;
    return endpoint == null ? null : endpoint.stats();
  }

  /** Whether the MQTT endpoint speaks TLS (it does when HTTP does). */
  public boolean mqttTls() {
    MqttEndpoint endpoint = mqtt;
    return endpoint != null && endpoint.tls();
  }

  /** The MQTT endpoint's port, or -1 when it is off. */
  public int mqttPort() {
    MqttEndpoint endpoint = mqtt;
    return endpoint == null ? -1 : endpoint.port();
  }

  /** Where devices connect, e.g. {@code mqtt://127.0.0.1:1883} ({@code mqtts} with TLS), or null when off. */
  public @Nullable URI mqttUri() {
    MqttEndpoint endpoint = mqtt;
    if (endpoint == null) {
      return null;
    }
    String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
    return URI.create((endpoint.tls() ? "mqtts" : "mqtt") + "://" + host + ":" + endpoint.port());
  }

  public int port() {
    for (var connector : app.jettyServer().server().getConnectors()) {
      if (connector instanceof NetworkConnector network && network.getLocalPort() > 0) {
        return network.getLocalPort();
      }
    }
    throw new IllegalStateException("the server has no open network connector");
  }

  /** Where clients reach it, e.g. {@code http://127.0.0.1:8080}. */
  public URI baseUri() {
    String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
    return URI.create((config.tls() ? "https" : "http") + "://" + host + ":" + port());
  }

  public TwinEngine engine() {
    return engine;
  }

  /** The change stream behind {@code /events}. */
  public EventStream streams() {
    return streams;
  }

  /** The rules and alerts behind {@code /rules} and {@code /alerts}. */
  public RuleEngine rules() {
    return rules;
  }

  /** The time-to-threshold warnings behind {@code /warnings} and {@code /digitaltwins/{id}/warnings}. */
  public WarningMonitor warnings() {
    return warnings;
  }

  /** The live anomaly scores behind {@code /digitaltwins/{id}/anomalies}. */
  public LiveAnomalies anomalies() {
    return anomalies;
  }

  /** The event routes behind {@code /eventroutes}. */
  public EventRoutes eventRoutes() {
    return eventRoutes;
  }

  public HistoryService history() {
    return history;
  }

  /** Where connectors hand their messages. */
  public Ingestor ingestor() {
    return ingestor;
  }

  /** Configured and fixed connectors; a built-in endpoint registers itself with {@code addFixed}. */
  public ConnectorRegistry connectors() {
    return connectors;
  }

  public MappingService mappings() {
    return mappings;
  }

  /** What {@code --demo} loaded at start, or null when the demo was not asked for. */
  public @Nullable DemoSummary demo() {
    return demo;
  }

  List<RouteTable.Route> routes() {
    return routes.routes();
  }

  @Override
  public void close() {
    MqttEndpoint endpoint = mqtt;
    if (endpoint != null) {
      endpoint.close(); // devices first: nothing new arrives while the rest shuts down
    }
    streams.close(); // ends open streams first (telling clients why): they would otherwise hold the server
    connectors.close(); // commits what is durable before the engine goes
    app.stop();
    scenarioRuns.close(); // cancels a run in progress: its replications stop within 2^20 events
    presence.close();
    warnings.close();
    rules.close(); // before the engine: it may be writing a derived value
    eventRoutes.close(); // stops delivering; what waits stays in the outboxes for the next start
    queries.close(); // releases the snapshots paged queries hold
    metrics.close();
    engine.close(); // closes the store too
    history.close(); // after the engine, so that its last changes are recorded
    outbox.close();
    deadLetters.close();
    if (ingestStore != null) {
      ingestStore.close();
    }
    audit.close(); // after the HTTP server: the last requests' entries are written first
    authStore.close();
  }

  private @Nullable FixedConnector fixedFor(String connector, FixedConnector mqttEndpoint) {
    return switch (connector) {
      case "http" -> httpTelemetry;
      case "mqtt" -> mqttEndpoint;
      default -> null;
    };
  }

  /** HTTP telemetry is a fixed connector: count each accepted telemetry post. */
  private void countHttpTelemetry(io.javalin.http.Context ctx) {
    Object route = ctx.attribute(RouteTable.ROUTE_ATTRIBUTE);
    if (route instanceof String r && r.endsWith("/telemetry") && ctx.method() == io.javalin.http.HandlerType.POST
        && ctx.statusCode() < 300) {
      httpTelemetry.meter().received();
    }
  }

  static String version() {
    String v = DoppelServer.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private static TwinEngine openEngine(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dir, e);
    }
    TwinStore store = RocksTwinStore.open(dir);
    try {
      return TwinEngine.open(store);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The history in its own RocksDB under {@code <data>/history} (its own WAL and group commit), or in memory. */
  private static HistoryService openHistory(TwinEngine engine, @Nullable Path dir, HistoryOptions options) {
    try {
      SeriesStore store = dir == null ? SeriesStore.inMemory() : RocksSeriesStore.open(dir.resolve("history"));
      return HistoryService.open(engine, store, options);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /**
   * The rules, stored in their own RocksDB under {@code <data>/rules} (or in memory), reading telemetry recorded
   * before they started from the history and told of new telemetry once the history made it durable.
   */
  /** Warning definitions kept like rules: by name, as JSON, each write synced. */
  private static WarningStore ruleStoreAsWarnings(RuleStore store) {
    return new WarningStore() {
      @Override
      public java.util.Map<String, String> load() {
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

  private static RuleEngine openRules(TwinEngine engine, @Nullable Path dir, HistoryService history,
      EventStream streams, LiveAnomalies anomalies, WarningMonitor warnings) {
    try {
      RuleStore store = dir == null ? RuleStore.inMemory() : RocksRuleStore.open(dir.resolve("rules"));
      RuleEngine rules = RuleEngine.start(engine, store, java.time.Clock.systemUTC(), new TelemetrySource() {
        @Override
        public java.util.Map<String, Double> latest(String twinId) {
          java.util.Map<String, Double> latest = new java.util.HashMap<>();
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
      history.onTelemetry(rules::telemetry);
      return rules;
    } catch (RuntimeException e) {
      streams.close();
      engine.close();
      history.close();
      throw e;
    }
  }

  private static RocksIngestStore openIngest(Path dir, TwinEngine engine, HistoryService history) {
    try {
      return RocksIngestStore.open(dir.resolve("ingest"));
    } catch (RuntimeException e) {
      engine.close();
      history.close();
      throw e;
    }
  }

  private static @Nullable DemoSummary loadDemo(TwinEngine engine, boolean wanted) {
    if (!wanted) {
      return null;
    }
    try {
      return new DemoLoader(engine).load();
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }
}
