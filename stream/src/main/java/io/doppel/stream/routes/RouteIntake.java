package io.doppel.stream.routes;

import io.doppel.model.ModelCatalog;
import io.doppel.stream.EventEncoder;
import io.doppel.stream.StreamEvent;
import io.doppel.stream.spi.OutboxEntry;
import io.doppel.stream.spi.RouteOutbox;
import io.doppel.stream.spi.RoutedEntry;
import io.doppel.twin.TwinEngine;
import io.doppel.twin.TwinEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each engine event into the outbox of every route whose filter it passes, on the engine's writer thread:
 * the engine answers a write only after its listeners ran, so an acknowledged change is in every matching outbox.
 * That costs the writer one CloudEvent encoding per event and one outbox write per engine batch (nothing when no
 * route exists); the delivery itself never runs here.
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

  /**
   * Called once per engine batch with the routes' lock held, so that no route is deleted half-way through: one
   * outbox write for the whole batch, whatever the number of events and routes.
   */
  void accept(List<TwinEvent> events, List<Route> routes) {
    if (routes.isEmpty()) {
      return;
    }
    ModelCatalog catalog = engine.catalog();
    List<RoutedEntry> batch = new ArrayList<>();
    boolean withState = routes.stream().anyMatch(r -> r.definition().filter().where() != null);
    int[] kept = new int[routes.size()];
    for (TwinEvent event : events) {
      StreamEvent encoded = encoder.encode(event, catalog, withState);
      OutboxEntry entry = null;
      for (int i = 0; i < routes.size(); i++) {
        Route route = routes.get(i);
        if (!route.definition().filter().matches(encoded) || !route.admit(event.version(), kept[i])) {
          continue;
        }
        if (entry == null) {
          entry = new OutboxEntry(event.version(), key(event), encoded.type().ceType(), encoded.json());
        }
        batch.add(new RoutedEntry(route.definition().id(), entry));
        kept[i]++;
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      outbox.append(batch);
    } catch (RuntimeException e) {
      // The writer must go on; the routes report it (and the log says which events) instead.
      LOG.error("events up to version {} could not be kept for their routes", events.get(events.size() - 1)
          .version(), e);
      for (int i = 0; i < kept.length; i++) {
        if (kept[i] > 0) {
          routes.get(i).lostToStorage(String.valueOf(e), kept[i]);
        }
      }
      return;
    }
    for (int i = 0; i < kept.length; i++) {
      if (kept[i] > 0) {
        routes.get(i).kept(kept[i]);
      }
    }
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
