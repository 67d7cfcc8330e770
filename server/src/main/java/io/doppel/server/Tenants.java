package io.doppel.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.mqtt.MqttEndpoint;
import io.doppel.model.Dtmi;
import io.doppel.model.ModelCatalog;
import io.doppel.server.auth.ApiKeys;
import io.doppel.server.auth.AuthFailure;
import io.doppel.server.auth.AuthStore;
import io.doppel.server.auth.Policies;
import io.doppel.server.auth.RelatedReach;
import io.doppel.server.auth.TenantDirectory;
import io.doppel.server.auth.TenantName;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tenant of the server, each an open {@link Tenant}. The default tenant always exists and keeps the layout of
 * a data directory from before tenants ({@code <data>/}); another lives under {@code <data>/tenants/<name>/}, and
 * its name is registered under {@code tenant/<name>} in the auth store, so that a restart opens it again. All are
 * opened at start, because their connectors and event routes run whether or not anyone calls.
 */
final class Tenants implements TenantDirectory, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Tenants.class);
  private static final String PREFIX = "tenant/";
  /** Where a request remembers the tenant it entered, to leave it when its response is done. */
  private static final String ENTERED = "doppel.tenant.entered";
  /** How long a deletion waits for the requests inside the tenant (its streams are ended first). */
  private static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(30);

  /** A tenant as listed: its name, when it was created (null for the default tenant) and its twin count. */
  record Info(String name, @Nullable Instant createdAt, long twinCount) {
    ObjectNode toJson() {
      ObjectNode node = Json.MAPPER.createObjectNode().put("name", name);
      if (createdAt != null) {
        node.put("createdAt", createdAt.toString());
      }
      return node.put("twinCount", twinCount);
    }
  }

  private final @Nullable Path dataDir;
  private final AuthStore store;
  private final ApiKeys keys;
  private final Tenant.Settings settings;
  private final Clock clock;
  private final Map<String, Tenant> open = new ConcurrentHashMap<>();

  private Tenants(@Nullable Path dataDir, AuthStore store, ApiKeys keys, Tenant.Settings settings, Clock clock) {
    this.dataDir = dataDir;
    this.store = store;
    this.keys = keys;
    this.settings = settings;
    this.clock = clock;
  }

  /** Opens the default tenant (with the demo when asked) and every registered one; closes them all on failure. */
  static Tenants open(@Nullable Path dataDir, AuthStore store, ApiKeys keys, Tenant.Settings settings,
      boolean demo) {
    Tenants tenants = new Tenants(dataDir, store, keys, settings, Clock.systemUTC());
    try {
      tenants.open.put(TenantName.DEFAULT, Tenant.open(TenantName.DEFAULT, dataDir, new Policies(store), demo,
          settings));
      for (String key : store.scan(PREFIX, "", Integer.MAX_VALUE).keySet()) {
        String name = key.substring(PREFIX.length());
        tenants.open.put(name, tenants.openOne(name));
      }
    } catch (RuntimeException e) {
      tenants.close();
      throw e;
    }
    return tenants;
  }

  private Tenant openOne(String name) {
    return Tenant.open(name, directory(name), new Policies(store, name), false, settings);
  }

  private @Nullable Path directory(String name) {
    if (dataDir == null) {
      return null;
    }
    return name.equals(TenantName.DEFAULT) ? dataDir : dataDir.resolve("tenants").resolve(name);
  }

  Tenant defaultTenant() {
    return get(TenantName.DEFAULT);
  }

  /** The open tenant of that name; 404 {@code TENANT_NOT_FOUND} when there is none. */
  Tenant get(String name) {
    Tenant tenant = open.get(name);
    if (tenant == null) {
      throw notFound(name);
    }
    return tenant;
  }

  /**
   * Enters the request into the tenant and gives the routes to run it with; 404 {@code TENANT_NOT_FOUND} when the
   * tenant is gone or being deleted. {@link #leave} (an after-handler) lets it out once the response is done.
   */
  RouteTable enter(String name, io.javalin.http.Context ctx) {
    Tenant tenant = get(name);
    if (!tenant.gate().enter()) {
      throw notFound(name);
    }
    ctx.attribute(ENTERED, new Entered(tenant.gate()));
    return tenant.routes();
  }

  /** Lets the request out of the tenant it entered, once (Javalin runs after-handlers when a response is done). */
  static void leave(io.javalin.http.Context ctx) {
    if (ctx.attribute(ENTERED) instanceof Entered entered) {
      entered.leave();
    }
  }

  /** A request inside a tenant; leaving twice counts once. */
  private static final class Entered {
    private final TenantGate gate;
    private final java.util.concurrent.atomic.AtomicBoolean left = new java.util.concurrent.atomic.AtomicBoolean();

    Entered(TenantGate gate) {
      this.gate = gate;
    }

    void leave() {
      if (left.compareAndSet(false, true)) {
        gate.leave();
      }
    }
  }

  private static AuthFailure notFound(String name) {
    return new AuthFailure(AuthFailure.Kind.TENANT_NOT_FOUND, "no tenant '" + name + "'");
  }

  /** Every tenant, the default one first, then by name. */
  List<Info> list() {
    List<Info> out = new ArrayList<>();
    open.keySet().stream().sorted(Comparator.comparing((String n) -> !n.equals(TenantName.DEFAULT))
        .thenComparing(Comparator.naturalOrder())).forEach(n -> out.add(info(n)));
    return out;
  }

  Info info(String name) {
    Tenant tenant = get(name);
    Instant created = store.get(PREFIX + name).map(Tenants::createdAt).orElse(null);
    return new Info(name, created, tenant.engine().twinCount());
  }

  /** Creates and opens a tenant; answers whether it is new (creating an existing one changes nothing). */
  synchronized boolean create(String name) {
    TenantName.require(name, "name");
    if (open.containsKey(name)) {
      return false;
    }
    Tenant tenant = openOne(name);
    store.put(PREFIX + name, Json.MAPPER.createObjectNode().put("name", name)
        .put("createdAt", clock.instant().toString()).toString());
    open.put(name, tenant);
    MqttEndpoint mqtt = settings.mqtt().get();
    if (mqtt != null) {
      mqtt.addRealm(name, tenant.ingestor(), tenant.engine());
    }
    tenant.start();
    LOG.info("tenant {} created", name);
    return true;
  }

  /**
   * Deletes a tenant and everything it holds: its devices are disconnected, its services closed, its keys revoked,
   * its policies and its directory removed. The default tenant cannot be deleted. Requests arriving meanwhile get
   * 404 {@code TENANT_NOT_FOUND} (or 401/403 once its keys are revoked); those already running finish first (its
   * streams are ended so that they do), up to {@link #DRAIN}.
   */
  synchronized void delete(String name) {
    TenantName.require(name, "name");
    if (name.equals(TenantName.DEFAULT)) {
      throw new DoppelException(ErrorCode.INVALID_ARGUMENT, "the default tenant cannot be deleted",
          List.of(new DoppelException.Detail("invalid", "name", "the default tenant cannot be deleted")));
    }
    Tenant tenant = get(name);
    // Unregistered first: a crash midway leaves a directory that is no tenant rather than a half-deleted tenant.
    store.delete(PREFIX + name);
    open.remove(name);
    MqttEndpoint mqtt = settings.mqtt().get();
    if (mqtt != null) {
      mqtt.removeRealm(name);
    }
    keys.list().stream().filter(k -> k.tenant().equals(name) && k.revokedAt() == null)
        .forEach(k -> keys.revoke(k.id()));
    tenant.stopIntake(); // ends its streams: the requests serving them return
    drain(tenant);
    tenant.policies().deleteAll();
    tenant.close();
    Path dir = directory(name);
    if (dir != null) {
      deleteTree(dir);
    }
    LOG.info("tenant {} deleted", name);
  }

  /**
   * Runs {@code work} on every open tenant's stores (the default tenant's with a null tenant), with creating and
   * deleting tenants held off until it returns: a backup's view, in which no store closes under it.
   */
  synchronized <T> T whileHeld(java.util.function.Function<List<io.doppel.server.backup.TenantStore>, T> work) {
    List<io.doppel.server.backup.TenantStore> stores = new ArrayList<>();
    open.values().stream().sorted(Comparator.comparing((Tenant t) -> !t.name().equals(TenantName.DEFAULT))
        .thenComparing(Tenant::name)).forEach(t -> t.stores().forEach((kind, store) -> stores.add(
            new io.doppel.server.backup.TenantStore(kind, t.name().equals(TenantName.DEFAULT) ? null : t.name(),
                store))));
    return work.apply(stores);
  }

  private static void drain(Tenant tenant) {
    try {
      if (!tenant.gate().close(DRAIN)) {
        LOG.warn("tenant {}: {} requests still running after {}; closing it anyway", tenant.name(),
            tenant.gate().inside(), DRAIN);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts every tenant's stored connectors (after the API is up). */
  void start() {
    open.values().forEach(Tenant::start);
  }

  /** Admits each tenant's devices to its own realm of the shared MQTT endpoint. */
  void addRealmsTo(MqttEndpoint mqtt) {
    open.values().forEach(t -> mqtt.addRealm(t.name(), t.ingestor(), t.engine()));
  }

  /** Ends every tenant's streams and connectors (before the HTTP server stops). */
  void stopIntake() {
    open.values().forEach(Tenant::stopIntake);
  }

  @Override
  public boolean exists(String tenant) {
    return open.containsKey(tenant);
  }

  @Override
  public Policies policies(String tenant) {
    return get(tenant).policies();
  }

  @Override
  public ModelCatalog catalog(String tenant) {
    return get(tenant).engine().catalog();
  }

  @Override
  public RelatedReach reach(String tenant) {
    return get(tenant).reach();
  }

  @Override
  public @Nullable Dtmi twinModel(String tenant, String twinId) {
    Tenant t = open.get(tenant);
    return t == null ? null : t.twinModel(twinId);
  }

  @Override
  public void close() {
    // the default tenant, opened first, closes last
    List<Tenant> all = new ArrayList<>(open.values());
    all.sort(Comparator.comparing((Tenant t) -> t.name().equals(TenantName.DEFAULT)));
    for (Tenant tenant : all) {
      try {
        tenant.close();
      } catch (RuntimeException e) {
        LOG.warn("cannot close tenant {}", tenant.name(), e);
      }
    }
    open.clear();
  }

  private static Instant createdAt(String stored) {
    try {
      return Instant.parse(Json.MAPPER.readTree(stored).path("createdAt").asText());
    } catch (IOException | java.time.format.DateTimeParseException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "a stored tenant is unreadable: " + e.getMessage());
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the tenant's directory " + dir, e);
    }
  }
}
