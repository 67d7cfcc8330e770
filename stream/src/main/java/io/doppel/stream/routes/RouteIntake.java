package io.doppel.stream.routes;

import io.doppel.stream.EventEncoder;
import io.doppel.stream.StreamEvent;
import io.doppel.stream.spi.OutboxEntry;
import io.doppel.stream.spi.RouteOutbox;
import io.doppel.stream.spi.RoutedEntry;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each engine event into the outbox of every route whose filter it passes, on the engine's writer thread:
 * the engine answers a write only after its listeners ran, so an acknowledged change is in every matching outbox.
 * That costs the writer one CloudEvent encoding and one outbox write per routed event (none when no route exists);
 * the delivery itself never runs here.
 */
final class RouteIntake {
  private static final Logger LOG = LoggerFactory.getLogger(RouteIntake.class);

  private final TwinEngine engine;
  private final RouteOutbox outbox;
  private final EventEncoder encoder = new EventEncoder();

  RouteIntake(TwinEngine engine, RouteOutbox outbox) {
    this.engine = engine;
    this.outbox = outbox;
  }

  /** Called with the routes' lock held, so that no route is deleted half-way through an event. */
  void accept(TwinEvent event, Collection<Route> routes) {
    if (routes.isEmpty()) {
      return;
    }
    StreamEvent encoded = encoder.encode(event, engine.catalog());
    OutboxEntry entry = null;
    List<RoutedEntry> batch = null;
    List<Route> kept = null;
    for (Route route : routes) {
      if (!route.definition().filter().matches(encoded) || !route.admit(event.version())) {
        continue;
      }
      if (entry == null) {
        entry = new OutboxEntry(event.version(), key(event), encoded.type().ceType(), encoded.json());
        batch = new ArrayList<>(routes.size());
        kept = new ArrayList<>(routes.size());
      }
      batch.add(new RoutedEntry(route.definition().id(), entry));
      kept.add(route);
    }
    if (batch == null) {
      return;
    }
    try {
      outbox.append(batch);
    } catch (RuntimeException e) {
      // The writer must go on; the routes report it (and the log says which event) instead.
      LOG.error("event {} could not be kept for routes {}", event.version(),
          batch.stream().map(RoutedEntry::routeId).toList(), e);
      kept.forEach(r -> r.lostToStorage(String.valueOf(e)));
      return;
    }
    kept.forEach(r -> r.kept(1));
  }

  /** What per-key order and partitioning follow: the twin, a relationship's source twin, the model. */
  static String key(TwinEvent event) {
    return switch (event) {
      case TwinEvent.TwinCreated e -> e.twinId();
      case TwinEvent.TwinReplaced e -> e.twinId();
      case TwinEvent.TwinPatched e -> e.twinId();
      case TwinEvent.TwinDeleted e -> e.twinId();
      case TwinEvent.RelationshipCreated e -> e.sourceId();
      case TwinEvent.RelationshipReplaced e -> e.sourceId();
      case TwinEvent.RelationshipPatched e -> e.sourceId();
      case TwinEvent.RelationshipDeleted e -> e.sourceId();
      case TwinEvent.ModelsAdded e -> e.models().size() == 1 ? e.models().get(0).value() : "models";
      case TwinEvent.ModelDeleted e -> e.model().value();
      case TwinEvent.ModelDecommissioned e -> e.model().value();
    };
  }
}
