package io.doppel.stream.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.stream.spi.ParkedLetter;
import io.doppel.stream.spi.RouteOutbox;
import io.doppel.stream.spi.RoutedEntry;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event routes of one server: their definitions (kept in the {@link RouteOutbox}, so they survive restarts),
 * the intake that puts matching engine events into each route's outbox, and one delivery worker per route. On open
 * every stored route starts again and delivers what its outbox still holds.
 */
public final class EventRoutes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventRoutes.class);

  private final RouteOutbox outbox;
  private final Clock clock;
  private final RandomGenerator random;
  private final RouteIntake intake;
  /** Guarded by itself; the intake holds it for one event, so changes to the map and outbox deletes are atomic. */
  private final Map<String, Route> routes = new TreeMap<>();
  /** Serialises definition changes, which wait for workers to stop: never done under the intake's lock. */
  private final Object admin = new Object();
  private final AutoCloseable listener;
  private volatile List<Route> snapshot = List.of();

  private EventRoutes(TwinEngine engine, RouteOutbox outbox, Clock clock, RandomGenerator random) {
    this.outbox = outbox;
    this.clock = clock;
    this.random = random;
    this.intake = new RouteIntake(engine, outbox);
    outbox.routes().forEach((id, stored) -> {
      try {
        JsonNode node = RouteJson.MAPPER.readTree(stored);
        RouteDefinition definition = RouteJson.parse(id, node.path("definition"));
        Route route = new Route(definition, node.path("paused").asBoolean(), outbox.count(id),
            outbox.letterCount(id), clock);
        routes.put(id, route);
      } catch (JsonProcessingException | RuntimeException e) {
        LOG.error("stored event route {} cannot be read; it is left as it is and not started", id, e);
      }
    });
    publish();
    this.listener = engine.subscribeBatches(this::onBatch);
    routes.values().forEach(this::startWorker);
    if (!routes.isEmpty()) {
      LOG.info("{} event routes started; {} events wait in their outboxes", routes.size(),
          routes.values().stream().mapToLong(r -> r.pending.get()).sum());
    }
  }

  /** Opens the stored routes and starts delivering; {@code random} only jitters the backoff. */
  public static EventRoutes open(TwinEngine engine, RouteOutbox outbox, Clock clock, RandomGenerator random) {
    return new EventRoutes(engine, outbox, clock, random);
  }

  public static EventRoutes open(TwinEngine engine, RouteOutbox outbox) {
    return open(engine, outbox, Clock.systemUTC(), RandomGenerator.getDefault());
  }

  private void onBatch(List<TwinEvent> events) {
    synchronized (routes) {
      intake.accept(events, snapshot);
    }
  }

  /**
   * Creates or replaces a route from its JSON. A replaced route keeps its outbox (waiting events go to the new
   * endpoint) and whether it was paused; a new one receives the changes made from now on.
   *
   * @return true when the route was created
   */
  public boolean put(String id, JsonNode body) {
    RouteDefinition definition = RouteJson.parse(id, body);
    synchronized (admin) {
      Route existing;
      synchronized (routes) {
        existing = routes.get(id);
      }
      boolean paused = existing != null && existing.paused();
      outbox.saveRoute(id, stored(definition, paused));
      if (existing != null) {
        stopWorker(existing);
        existing.definition(definition);
        startWorker(existing);
        LOG.info("event route {} replaced", id);
        return false;
      }
      Route route = new Route(definition, false, 0, 0, clock);
      synchronized (routes) {
        routes.put(id, route);
        publish();
      }
      startWorker(route);
      LOG.info("event route {} created", id);
      return true;
    }
  }

  public RouteView get(String id) {
    Route route = route(id);
    return new RouteView(route.definition(), route.status());
  }

  /** Every route, in id order. */
  public List<RouteView> list() {
    List<RouteView> out = new ArrayList<>();
    for (Route r : snapshot) {
      out.add(new RouteView(r.definition(), r.status()));
    }
    return out;
  }

  /** Deletes a route with its waiting events and parked letters. */
  public void delete(String id) {
    synchronized (admin) {
      Route route = route(id);
      stopWorker(route);
      synchronized (routes) {
        routes.remove(id);
        publish();
        outbox.deleteRoute(id);
      }
      LOG.info("event route {} deleted with {} waiting events", id, route.pending.get());
    }
  }

  /** Pauses or resumes delivery; events keep being kept meanwhile. Survives restarts. */
  public RouteView pause(String id, boolean paused) {
    synchronized (admin) {
      Route route = route(id);
      outbox.saveRoute(id, stored(route.definition(), paused));
      route.paused(paused);
      return new RouteView(route.definition(), route.status());
    }
  }

  /** Up to {@code limit} parked letters with versions above {@code after}, oldest first. */
  public List<ParkedLetter> letters(String id, long after, int limit) {
    route(id);
    return outbox.letters(id, after, limit);
  }

  /** Forgets a parked letter. */
  public void deleteLetter(String id, long version) {
    Route route = route(id);
    if (!outbox.removeLetter(id, version)) {
      throw letterNotFound(id, version);
    }
    route.parked.decrementAndGet();
  }

  /**
   * Puts a parked letter back into the outbox to be delivered again. It goes in at its own version, so it is
   * delivered before any newer event still waiting.
   */
  public void redeliver(String id, long version) {
    synchronized (admin) {
      Route route = route(id);
      ParkedLetter letter = outbox.letters(id, version - 1, 1).stream()
          .filter(l -> l.entry().version() == version).findFirst()
          .orElseThrow(() -> letterNotFound(id, version));
      synchronized (routes) {
        outbox.append(List.of(new RoutedEntry(id, letter.entry())));
        outbox.removeLetter(id, version);
        route.parked.decrementAndGet();
      }
      RouteWorker w = route.worker();
      if (w != null) {
        // The worker reads after its position, which may be past this version: start it again from the head.
        stopWorker(route);
        startWorker(route);
      }
      route.kept(1);
    }
  }

  public RoutesSummary summary() {
    int failing = 0;
    int overflowing = 0;
    long lag = 0;
    long delivered = 0;
    long parked = 0;
    long dropped = 0;
    List<Route> all = snapshot;
    for (Route r : all) {
      RouteStatus s = r.status();
      failing += s.state() == RouteState.FAILING ? 1 : 0;
      overflowing += s.state() == RouteState.OVERFLOWING ? 1 : 0;
      lag += s.lag();
      delivered += s.delivered();
      parked += s.parked();
      dropped += s.dropped();
    }
    return new RoutesSummary(all.size(), failing, overflowing, lag, delivered, parked, dropped);
  }

  /** Stops delivering (what waits stays in the outbox for the next start); the outbox stays open. */
  @Override
  public void close() {
    try {
      listener.close();
    } catch (Exception e) {
      LOG.warn("could not unsubscribe the event routes from the engine", e);
    }
    synchronized (admin) {
      snapshot.forEach(this::stopWorker);
    }
  }

  private Route route(String id) {
    Route route;
    synchronized (routes) {
      route = routes.get(id);
    }
    if (route == null) {
      throw new DoppelException(ErrorCode.EVENT_ROUTE_NOT_FOUND, "event route '" + id + "' does not exist",
          List.of(new DoppelException.Detail(ErrorCode.EVENT_ROUTE_NOT_FOUND.name(), "id", "no such route")));
    }
    return route;
  }

  private static DoppelException letterNotFound(String id, long version) {
    return new DoppelException(ErrorCode.ROUTE_LETTER_NOT_FOUND, "event route '" + id + "' has no parked letter "
        + version, List.of(new DoppelException.Detail(ErrorCode.ROUTE_LETTER_NOT_FOUND.name(), "version",
        "no such letter")));
  }

  private void publish() {
    snapshot = List.copyOf(routes.values());
  }

  private void startWorker(Route route) {
    RouteWorker worker = new RouteWorker(route, outbox, clock, random);
    route.worker(worker);
    worker.start();
  }

  private void stopWorker(Route route) {
    RouteWorker worker = route.worker();
    route.worker(null);
    if (worker != null) {
      worker.stop();
    }
  }

  private static String stored(RouteDefinition definition, boolean paused) {
    ObjectNode node = RouteJson.MAPPER.createObjectNode();
    node.set("definition", RouteJson.write(definition, true));
    node.put("paused", paused);
    return node.toString();
  }

  /** The stored definitions' view of one route, for tests. */
  Optional<Route> find(String id) {
    synchronized (routes) {
      return Optional.ofNullable(routes.get(id));
    }
  }
}
