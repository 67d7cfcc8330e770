package io.doppel.server;

import io.doppel.history.HistoryOptions;
import io.doppel.history.HistoryService;
import io.doppel.ingest.IngestOptions;
import io.doppel.ingest.Ingestor;
import io.doppel.ingest.connector.ConnectorRegistry;
import io.doppel.ingest.mapping.MappingService;
import io.doppel.ingest.mqtt.MqttAuthenticator;
import io.doppel.ingest.mqtt.MqttEndpoint;
import io.doppel.ingest.mqtt.MqttOptions;
import io.doppel.ingest.mqtt.MqttTls;
import io.doppel.predict.anomaly.LiveAnomalies;
import io.doppel.server.auth.AccessControl;
import io.doppel.server.auth.AccessGuard;
import io.doppel.server.auth.Action;
import io.doppel.server.auth.ApiKeys;
import io.doppel.server.auth.AuditLog;
import io.doppel.server.auth.AuthFailure;
import io.doppel.server.auth.AuthStore;
import io.doppel.server.auth.Principal;
import io.doppel.server.auth.RocksAuthStore;
import io.doppel.server.auth.SecurityHeaders;
import io.doppel.server.auth.TenantName;
import io.doppel.stream.EventStream;
import io.doppel.stream.routes.EventRoutes;
import io.doppel.stream.rules.RuleEngine;
import io.doppel.twin.DoppelException;
import io.doppel.twin.TwinEngine;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.doppel.server.backup.Backups;
import io.doppel.server.backup.StoreKind;
import io.doppel.store.rocksdb.Checkpointable;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.NetworkConnector;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the tenants (each its own set of stores and services, see {@link Tenant}), loads the
 * demo into the default tenant when asked, and serves the HTTP API. What is global lives here: the HTTP server, the
 * access guard, keys, the audit log, metrics and the MQTT endpoint. Each API route is registered once and runs the
 * route of the caller's tenant. Everything is built here with {@code new}; {@link #close()} undoes it in reverse
 * order.
 */
public final class DoppelServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DoppelServer.class);

  private final ServerConfig config;
  private final IngestOptions ingestOptions;
  private final AuthStore authStore;
  private final AuditLog audit;
  private final Tenants tenants;
  private final HttpMetrics metrics;
  private final AccessControl access;
  private final AccessGuard guard;
  /** The one write budget of the server: every tenant's writes count in it, and it sheds them all. */
  private final WriteAdmission admission;
  /** The data directory's disk, shared by every tenant: below its reserve, writes are refused with 507. */
  private final DiskGuard disk;
  private final RouteTable globalRoutes = new RouteTable();
  private volatile @Nullable MqttEndpoint mqtt; // started after HTTP, when ingestOptions.mqttPort() >= 0
  private final Javalin app;

  private DoppelServer(ServerConfig config, HistoryOptions historyOptions, IngestOptions ingestOptions,
      AdmissionOptions admissionOptions, DiskReserve diskReserve) {
    this.config = config;
    this.ingestOptions = ingestOptions;
    this.disk = openDisk(config.dataDir(), diskReserve); // first: every tenant's stores write through it
    this.admission = new WriteAdmission(new io.doppel.twin.WriteBudget(admissionOptions.maxPendingWrites()));
    Path dir = config.dataDir();
    // Keys, policies, the tenant list and the audit log in their own RocksDB under <data>/auth.
    this.authStore = dir == null ? AuthStore.inMemory() : RocksAuthStore.open(dir.resolve("auth"));
    ApiKeys keys = new ApiKeys(authStore, Clock.systemUTC());
    try {
      this.tenants = Tenants.open(dir, authStore, keys,
          new Tenant.Settings(config, historyOptions, ingestOptions, admissionOptions, admission, disk, () -> mqtt,
              io.doppel.server.auth.ServerSecret.continuationKey(authStore)),
          config.demo());
    } catch (RuntimeException e) {
      authStore.close();
      disk.close();
      throw e;
    }
    this.audit = new AuditLog(authStore, Clock.systemUTC());
    Tenant main = tenants.defaultTenant();
    this.metrics = new HttpMetrics(main.engine()); // the engine meters are the default tenant's
    metrics.bind(main.eventRoutes());
    metrics.bind(admission.budget());
    metrics.bind(config.dataDir(), main.connectors(), main.deadLetters());
    if (ingestOptions.mqttPort() >= 0) {
      metrics.mqtt(() -> {
        MqttEndpoint endpoint = mqtt;
        return endpoint == null ? null : endpoint.stats();
      });
    }
    // One pseudonym key for the platform (given, or generated once and kept in the auth store).
    this.access = new AccessControl(config.auth(), config.token(), keys, tenants,
        io.doppel.server.auth.PseudonymKey.resolve(config.auth().pseudonymKey(), authStore));
    this.guard = new AccessGuard(access, this::resolve, config.auth().trustedProxies());
    new AuthRoutes(access, audit, config.maxBodyBytes(), config.tls()).addTo(globalRoutes);
    new TenantRoutes(tenants, access.required()).addTo(globalRoutes);
    new OpsRoutes(main.engine(), metrics).addTo(globalRoutes);
    new BackupRoutes(new Backups(config.dataDir(), this::whileStoresHeld, version(), Clock.systemUTC()),
        config.maxBodyBytes()).addTo(globalRoutes);
    StorageRoutes storage = new StorageRoutes(disk, config.maxBodyBytes(), this::resolve);
    storage.addTo(globalRoutes);
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
      c.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
      if (config.tls()) {
        c.jetty.addConnector((server, http) -> Tls.connector(server, http, config));
      } else {
        c.jetty.addConnector((server, http) -> HttpConnectors.plain(server, http, config));
      }
      c.requestLogger.http((ctx, millis) -> {
        metrics.record(ctx, millis);
        if (ctx.statusCode() == 507 || ctx.statusCode() == 503) {
          disk.recheck(); // the disk may have refused the write: do not wait for the next tick
        }
        countHttpTelemetry(ctx);
        audit(ctx);
      });
      c.routes.before(SecurityHeaders::apply);
      // Every request and every WebSocket upgrade (which HTTP before-handlers do not see) passes the guard, which
      // leaves the caller's tenant on the context for the dispatching handlers below.
      c.routes.before(guard::check);
      c.routes.wsBeforeUpgrade(guard::check);
      c.routes.before(admission::check); // after the guard: a caller without access hears 401/403, not 429
      c.routes.before(storage::check); // after the access check: a caller learns 401/403 before 507
      globalRoutes.registerOn(c.routes);
      // Each request enters its tenant and leaves it once answered: a tenant being deleted waits for it.
      main.routes().registerDispatchedOn(c.routes, ctx -> tenants.enter(AccessGuard.tenant(ctx), ctx));
      c.routes.after(Tenants::leave);
      c.routes.after(RefusedBody::drain); // a refused client reads its answer instead of a broken pipe
      StreamRoutes.addWebSocketTo(c.routes, guard, tenant -> tenants.get(tenant).streamRoutes());
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
    return start(config, historyOptions, ingestOptions, AdmissionOptions.defaults());
  }

  /** {@link #start(ServerConfig, HistoryOptions, IngestOptions)} with when to shed load (see {@code docs/overload.md}). */
  public static DoppelServer start(ServerConfig config, HistoryOptions historyOptions, IngestOptions ingestOptions,
      AdmissionOptions admissionOptions) {
    return start(config, historyOptions, ingestOptions, admissionOptions, DiskReserve.DEFAULT);
  }

  /** {@link #start(ServerConfig, HistoryOptions, IngestOptions)} with the free space the data disk must keep. */
  public static DoppelServer start(ServerConfig config, HistoryOptions historyOptions, IngestOptions ingestOptions,
      DiskReserve diskReserve) {
    return start(config, historyOptions, ingestOptions, AdmissionOptions.defaults(), diskReserve);
  }

  /** With when to shed load and the free space the data disk must keep ({@code docs/reliability.md}). */
  public static DoppelServer start(ServerConfig config, HistoryOptions historyOptions, IngestOptions ingestOptions,
      AdmissionOptions admissionOptions, DiskReserve diskReserve) {
    DoppelServer server = new DoppelServer(config, historyOptions, ingestOptions, admissionOptions, diskReserve);
    try {
      server.app.start();
      server.tenants.start(); // after the API is up: a connector's first messages may need a while
      server.startMqtt();
    } catch (RuntimeException e) {
      server.close();
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
        .withAuthenticator(access.required() ? new DeviceAuthenticator() : MqttAuthenticator.anyone());
    Path keystore = config.tlsKeystore();
    String password = config.tlsPassword();
    if (keystore != null && password != null) {
      options = options.withTls(MqttTls.fromPkcs12(keystore, password));
    }
    MqttEndpoint endpoint = MqttEndpoint.start(options, admission.budget());
    tenants.addRealmsTo(endpoint);
    this.mqtt = endpoint;
  }

  /** Devices authenticate with an API key (see {@link #admitDevice}); the key's tenant is the device's realm. */
  private final class DeviceAuthenticator implements MqttAuthenticator {
    @Override
    public Verdict authenticate(Credentials credentials) {
      return admit(credentials).verdict();
    }

    @Override
    public Admission admit(Credentials credentials) {
      return admitDevice(credentials);
    }
  }

  /**
   * A device's CONNECT: the password is an API key (or the admin key) whose holder may write every twin of its
   * tenant, since a device's topics name any twin. The username is free (e.g. the device's name). The device's
   * messages go to the key's tenant, whose twins alone its topics can name.
   */
  private MqttAuthenticator.Admission admitDevice(MqttAuthenticator.Credentials credentials) {
    byte[] password = credentials.password();
    if (password == null) {
      return new MqttAuthenticator.Admission(MqttAuthenticator.Verdict.BAD_CREDENTIALS, TenantName.DEFAULT);
    }
    Principal principal;
    try {
      principal = access.authenticate(new String(password, java.nio.charset.StandardCharsets.UTF_8),
          address(credentials.remote()));
    } catch (AuthFailure e) {
      if (e.kind() == AuthFailure.Kind.AUTH_THROTTLED) {
        auditDevice(credentials, "-", TenantName.DEFAULT, 429, "throttled");
        return new MqttAuthenticator.Admission(MqttAuthenticator.Verdict.THROTTLED, TenantName.DEFAULT);
      }
      auditDevice(credentials, "-", TenantName.DEFAULT, 401, "denied");
      return new MqttAuthenticator.Admission(MqttAuthenticator.Verdict.BAD_CREDENTIALS, TenantName.DEFAULT);
    }
    String tenant = principal.tenant();
    if (!tenants.exists(tenant) || !access.access(principal).allowsEverywhere(Action.WRITE)) {
      auditDevice(credentials, principal.id(), tenant, 403, "denied");
      return new MqttAuthenticator.Admission(MqttAuthenticator.Verdict.NOT_AUTHORIZED, tenant);
    }
    return new MqttAuthenticator.Admission(MqttAuthenticator.Verdict.ACCEPTED, tenant);
  }

  /** The IP address alone, as HTTP's {@code ctx.ip()} gives it: failures over MQTT and HTTP count together. */
  private static String address(java.net.SocketAddress remote) {
    return remote instanceof java.net.InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress().getHostAddress() : String.valueOf(remote);
  }

  private void auditDevice(MqttAuthenticator.Credentials credentials, String principal, String tenant, int status,
      String outcome) {
    audit.record(new AuditLog.Request(java.time.Instant.now(), principal, tenant, "MQTT CONNECT",
        "client " + credentials.clientId(), "mqtt", status, outcome, String.valueOf(credentials.remote())));
  }

  /** Writes and refusals go to the audit log, with the caller, the route and how the request ended. */
  private void audit(io.javalin.http.Context ctx) {
    int status = ctx.statusCode();
    io.javalin.http.HandlerType method = ctx.method();
    boolean write = method == io.javalin.http.HandlerType.POST || method == io.javalin.http.HandlerType.PUT
        || method == io.javalin.http.HandlerType.PATCH || method == io.javalin.http.HandlerType.DELETE;
    boolean throttled = Boolean.TRUE.equals(ctx.attribute(AccessGuard.THROTTLED_ATTRIBUTE));
    boolean denied = status == 401 || status == 403;
    // A write shed for load did nothing, and under a flood an entry each would make the audit log's writer the
    // bottleneck the shedding is there to avoid: /metrics counts them (doppel_writes_shed_total).
    if (!write && !denied && !throttled || WriteAdmission.shed(ctx)) {
      return;
    }
    Object route = ctx.attribute(RouteTable.ROUTE_ATTRIBUTE);
    String principal = ctx.attribute(AccessGuard.ACCESS_ATTRIBUTE) instanceof io.doppel.server.auth.Access a
        ? a.principal().id() : "-";
    audit.record(new AuditLog.Request(java.time.Instant.now(), principal, AccessGuard.tenant(ctx), method.name(),
        ctx.path(),
        route instanceof String r ? r : "", status,
        throttled ? "throttled" : denied ? "denied" : status >= 400 ? "failed" : "ok", AccessGuard.client(ctx)));
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

  /** The default tenant's graph (and likewise the accessors below: what a single-tenant server serves). */
  public TwinEngine engine() {
    return tenants.defaultTenant().engine();
  }

  /** The change stream behind {@code /events}. */
  public EventStream streams() {
    return tenants.defaultTenant().streams();
  }

  /** The rules and alerts behind {@code /rules} and {@code /alerts}. */
  public RuleEngine rules() {
    return tenants.defaultTenant().rules();
  }

  /** The default tenant's time-to-threshold warnings. */
  public io.doppel.predict.warning.WarningMonitor warnings() {
    return tenants.defaultTenant().warnings();
  }

  /** The live anomaly scores behind {@code /digitaltwins/{id}/anomalies}. */
  public LiveAnomalies anomalies() {
    return tenants.defaultTenant().anomalies();
  }

  /** The event routes behind {@code /eventroutes}. */
  public EventRoutes eventRoutes() {
    return tenants.defaultTenant().eventRoutes();
  }

  public HistoryService history() {
    return tenants.defaultTenant().history();
  }

  /** Where connectors hand their messages. */
  public Ingestor ingestor() {
    return tenants.defaultTenant().ingestor();
  }

  /** Configured and fixed connectors; a built-in endpoint registers itself with {@code addFixed}. */
  public ConnectorRegistry connectors() {
    return tenants.defaultTenant().connectors();
  }

  public MappingService mappings() {
    return tenants.defaultTenant().mappings();
  }

  /** The graph of a tenant (404 {@code TENANT_NOT_FOUND} when there is none). */
  public TwinEngine engine(String tenant) {
    return tenants.get(tenant).engine();
  }

  /** What {@code --demo} loaded at start into the default tenant, or null when the demo was not asked for. */
  public @Nullable DemoSummary demo() {
    return tenants.defaultTenant().demo();
  }

  /** Every API route: the global ones and those each tenant serves. */
  List<RouteTable.Route> routes() {
    List<RouteTable.Route> all = new java.util.ArrayList<>(globalRoutes.routes());
    all.addAll(tenants.defaultTenant().routes().routes());
    return all;
  }

  @Override
  public void close() {
    MqttEndpoint endpoint = mqtt;
    if (endpoint != null) {
      endpoint.close(); // devices first: nothing new arrives while the rest shuts down
    }
    tenants.stopIntake(); // ends open streams first (telling clients why): they would otherwise hold the server
    app.stop();
    metrics.close();
    tenants.close();
    audit.close(); // after the HTTP server: the last requests' entries are written first
    authStore.close();
    disk.close();
  }

  /**
   * What an online backup checkpoints: the default tenant's stores and the platform's (keys, policies, tenant list,
   * audit). Other tenants' directories under {@code <data>/tenants} are not in it yet (docs/operations.md).
   */
  /** Every tenant's stores and the platform's auth store, no tenant created or deleted meanwhile: a backup's. */
  private <T> T whileStoresHeld(java.util.function.Function<List<io.doppel.server.backup.TenantStore>, T> work) {
    return tenants.whileHeld(stores -> {
      List<io.doppel.server.backup.TenantStore> all = new java.util.ArrayList<>(stores);
      if (authStore instanceof Checkpointable auth) {
        all.add(new io.doppel.server.backup.TenantStore(StoreKind.AUTH, null, auth));
      }
      return work.apply(all);
    });
  }

  /** The data disk's guard (tests read and re-check it). */
  DiskGuard disk() {
    return disk;
  }

  private static DiskGuard openDisk(@Nullable Path dir, DiskReserve reserve) {
    if (dir == null) {
      return DiskGuard.none(Clock.systemUTC());
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dir, e);
    }
    return DiskGuard.watching(dir, reserve, Clock.systemUTC());
  }

  /** HTTP telemetry is a fixed connector of each tenant: count each accepted telemetry post. */
  private void countHttpTelemetry(io.javalin.http.Context ctx) {
    Object route = ctx.attribute(RouteTable.ROUTE_ATTRIBUTE);
    if (route instanceof String r && r.endsWith("/telemetry") && ctx.method() == io.javalin.http.HandlerType.POST
        && ctx.statusCode() < 300 && tenants.exists(AccessGuard.tenant(ctx))) {
      tenants.get(AccessGuard.tenant(ctx)).httpTelemetryReceived();
    }
  }

  static String version() {
    String v = DoppelServer.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
