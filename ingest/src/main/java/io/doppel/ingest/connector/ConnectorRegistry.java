package io.doppel.ingest.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.Ingestor;
import io.doppel.ingest.Payloads;
import io.doppel.ingest.spi.DocumentStore;
import io.doppel.ingest.spi.DocumentStore.StoredDocument;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connectors of one server: configured ones (stored durably, each change a new version; started again at
 * boot, paused ones staying paused) and fixed ones. A configuration is checked before it is stored, so that a
 * stored one always builds.
 */
public final class ConnectorRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorRegistry.class);
  private static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";

  /** A connector with the configuration it runs (secrets hidden), null for a fixed one. */
  public record View(ConnectorStatus status, ObjectNode config) {}

  private final DocumentStore store;
  private final Ingestor ingestor;
  private final Map<String, ConnectorType> types = new LinkedHashMap<>();
  private final Clock clock;
  private final Map<String, Connector> fixed = new ConcurrentHashMap<>();
  private final Map<String, Running> configured = new ConcurrentHashMap<>();

  private record Running(Connector connector, ObjectNode config) {}

  public ConnectorRegistry(DocumentStore store, Ingestor ingestor, List<ConnectorType> types, Clock clock) {
    this.store = store;
    this.ingestor = ingestor;
    types.forEach(t -> this.types.put(t.name(), t));
    this.clock = clock;
  }

  public void addFixed(Connector connector) {
    fixed.put(connector.id(), connector);
  }

  /** Starts every stored connector (at boot); one that fails to build is logged, not fatal. */
  public synchronized void startStored() {
    for (StoredDocument doc : store.latestAll()) {
      try {
        ObjectNode config = (ObjectNode) Payloads.MAPPER.readTree(doc.text());
        start(doc.id(), config);
      } catch (JsonProcessingException | RuntimeException e) {
        LOG.error("stored connector {} cannot start", doc.id(), e);
      }
    }
  }

  /** Defines or redefines {@code id}: checks, stores, then (re)starts it. True when it is new. */
  public synchronized boolean put(String id, ObjectNode config) {
    if (!id.matches(ID_PATTERN)) {
      throw Configs.invalid("id", "a connector id is 1-128 letters, digits, '.', '_' or '-', not '" + id + "'");
    }
    if (fixed.containsKey(id)) {
      throw Configs.invalid("id", "'" + id + "' is a built-in connector and cannot be configured");
    }
    type(config).validate(config);
    JsonNode paused = config.get("paused");
    if (paused != null && !paused.isBoolean()) {
      throw Configs.invalid("paused", "must be true or false");
    }
    config.put("id", id);
    store.put(id, write(config), clock.instant());
    Running old = configured.remove(id);
    if (old != null) {
      old.connector().close();
    }
    start(id, config);
    return old == null;
  }

  public List<View> list() {
    List<View> out = new ArrayList<>();
    new TreeMap<>(fixed).values().forEach(c -> out.add(new View(c.status(), Payloads.MAPPER.createObjectNode()
        .put("type", c.type()))));
    new TreeMap<>(configured).values().forEach(r -> out.add(view(r)));
    return out;
  }

  public View get(String id) {
    Connector f = fixed.get(id);
    if (f != null) {
      return new View(f.status(), Payloads.MAPPER.createObjectNode().put("type", f.type()));
    }
    return view(running(id));
  }

  public synchronized View pause(String id) {
    return setPaused(id, true);
  }

  public synchronized View resume(String id) {
    return setPaused(id, false);
  }

  public synchronized void delete(String id) {
    if (fixed.containsKey(id)) {
      throw Configs.invalid("id", "'" + id + "' is a built-in connector and cannot be deleted");
    }
    Running running = running(id);
    store.delete(id);
    configured.remove(id);
    running.connector().close();
  }

  @Override
  public synchronized void close() {
    configured.values().forEach(r -> {
      try {
        r.connector().close();
      } catch (RuntimeException e) {
        LOG.warn("connector {} did not close cleanly", r.connector().id(), e);
      }
    });
    configured.clear();
  }

  private View setPaused(String id, boolean paused) {
    Connector f = fixed.get(id);
    if (f != null) {
      try {
        if (paused) {
          f.pause();
        } else {
          f.resume();
        }
      } catch (UnsupportedOperationException e) {
        throw Configs.invalid("id", e.getMessage());
      }
      return get(id);
    }
    Running running = running(id);
    ObjectNode config = running.config().deepCopy();
    config.put("paused", paused);
    store.put(id, write(config), clock.instant()); // durable first: a restart keeps what the operator asked
    configured.put(id, new Running(running.connector(), config));
    if (paused) {
      running.connector().pause();
    } else {
      running.connector().resume();
    }
    return get(id);
  }

  private void start(String id, ObjectNode config) {
    Connector connector = type(config).create(id, config, ingestor, clock);
    configured.put(id, new Running(connector, config));
    if (config.path("paused").asBoolean(false)) {
      connector.pause();
    }
    connector.start();
  }

  private ConnectorType type(ObjectNode config) {
    String name = Configs.text(config, "type");
    ConnectorType type = types.get(name);
    if (type == null) {
      throw Configs.invalid("type", "unknown connector type '" + name + "' (known: "
          + String.join(", ", types.keySet()) + ")");
    }
    return type;
  }

  private Running running(String id) {
    Running running = configured.get(id);
    if (running == null) {
      throw new DoppelException(ErrorCode.CONNECTOR_NOT_FOUND, "no connector '" + id + "'");
    }
    return running;
  }

  private static View view(Running r) {
    ObjectNode shown = r.config().deepCopy();
    if (shown.has("password")) {
      shown.put("password", "***"); // a secret is written, never read back
    }
    return new View(r.connector().status(), shown);
  }

  private static String write(ObjectNode config) {
    try {
      return Payloads.MAPPER.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JsonNode always serialises", e);
    }
  }
}
