package io.doppel.server;

import io.doppel.history.HistoryOptions;
import io.doppel.history.HistoryService;
import io.doppel.history.spi.SeriesStore;
import io.doppel.query.QueryService;
import io.doppel.store.rocksdb.RocksSeriesStore;
import io.doppel.store.rocksdb.RocksTwinStore;
import io.doppel.stream.EventStream;
import io.doppel.stream.StreamOptions;
import io.doppel.stream.routes.EventRoutes;
import io.doppel.stream.spi.RouteOutbox;
import io.doppel.store.rocksdb.RocksRouteOutbox;
import io.doppel.twin.DoppelException;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.spi.TwinStore;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
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

  private final ServerConfig config;
  private final TwinEngine engine;
  private final HistoryService history;
  private final HttpMetrics metrics;
  private final QueryService queries;
  private final @Nullable DemoSummary demo;
  private final EventStream streams;
  private final RouteOutbox outbox;
  private final EventRoutes eventRoutes;
  private final RouteTable routes;
  private final Javalin app;

  private DoppelServer(ServerConfig config, HistoryOptions historyOptions) {
    this.config = config;
    Path dir = config.dataDir();
    this.engine = dir == null ? TwinEngine.inMemory() : openEngine(dir);
    this.history = openHistory(engine, dir, historyOptions); // before the demo, so that its twins are recorded
    this.demo = loadDemo(engine, config.demo());
    this.streams = EventStream.start(engine, StreamOptions.defaults());
    this.outbox = dir == null ? RouteOutbox.inMemory() : RocksRouteOutbox.open(dir.resolve("routes"));
    this.eventRoutes = EventRoutes.open(engine, outbox); // delivers what a previous run left in the outboxes
    this.metrics = new HttpMetrics(engine);
    metrics.bind(eventRoutes);
    this.queries = new QueryService(engine::snapshot);
    this.routes = new RouteTable();
    new ModelRoutes(engine, config.maxBodyBytes()).addTo(routes);
    new TwinRoutes(engine, config.maxBodyBytes()).addTo(routes);
    new RelationshipRoutes(engine, config.maxBodyBytes()).addTo(routes);
    new QueryRoutes(queries, config.maxBodyBytes()).addTo(routes);
    new IndexRoutes(engine).addTo(routes);
    StreamRoutes streamRoutes = new StreamRoutes(streams);
    streamRoutes.addTo(routes);
    new HistoryRoutes(history, config.maxBodyBytes()).addTo(routes);
    new EventRouteRoutes(eventRoutes, config.maxBodyBytes()).addTo(routes);
    new OpsRoutes(engine, metrics).addTo(routes);
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
      c.requestLogger.http(metrics::record);
      String token = config.token();
      if (token != null) {
        c.routes.before(new BearerAuth(token));
        c.routes.wsBeforeUpgrade(new BearerAuth(token)); // HTTP before-handlers do not see upgrade requests
      }
      routes.registerOn(c.routes);
      streamRoutes.addWebSocketTo(c.routes);
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
    DoppelServer server = new DoppelServer(config, historyOptions);
    try {
      server.app.start();
    } catch (RuntimeException e) {
      server.streams.close();
      server.eventRoutes.close();
      server.queries.close();
      server.metrics.close();
      server.engine.close();
      server.history.close();
      server.outbox.close();
      throw e;
    }
    LOG.info("Doppel {} listening on {}", version(), server.baseUri());
    return server;
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

  /** The event routes behind {@code /eventroutes}. */
  public EventRoutes eventRoutes() {
    return eventRoutes;
  }

  public HistoryService history() {
    return history;
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
    streams.close(); // ends open streams first (telling clients why): they would otherwise hold the server
    app.stop();
    eventRoutes.close(); // stops delivering; what waits stays in the outboxes for the next start
    queries.close(); // releases the snapshots paged queries hold
    metrics.close();
    engine.close(); // closes the store too
    history.close(); // after the engine, so that its last changes are recorded
    outbox.close();
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
