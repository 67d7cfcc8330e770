package io.doppel.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.spi.DocumentStore;
import io.doppel.ingest.spi.DocumentStore.StoredDocument;
import io.doppel.sim.scenario.ScenarioDefinition;
import io.doppel.sim.scenario.ScenarioParser;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Scenario definitions, stored and versioned like mappings: each {@code PUT} is checked and kept as the next
 * version; reads give the latest or a given version, with {@code id}, {@code version} and {@code storedAt}.
 */
final class ScenarioStore {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final DocumentStore store;
  private final Clock clock;

  ScenarioStore(DocumentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  record Stored(String id, int version, ObjectNode definition, String storedAt) {
    ScenarioDefinition parsed() {
      return ScenarioParser.parse(definition);
    }

    ObjectNode describe() {
      ObjectNode out = Json.MAPPER.createObjectNode().put("id", id).put("version", version).put("storedAt", storedAt);
      out.set("definition", definition.deepCopy());
      return out;
    }
  }

  synchronized Stored put(String id, JsonNode definition) {
    checkId(id);
    ScenarioParser.parse(definition);
    return stored(store.put(id, definition.toString(), clock.instant()));
  }

  boolean exists(String id) {
    return store.latest(id).isPresent();
  }

  Stored get(String id) {
    return stored(store.latest(id).orElseThrow(() -> notFound(id)));
  }

  Stored get(String id, int version) {
    return stored(store.version(id, version).orElseThrow(() -> new DoppelException(ErrorCode.SCENARIO_NOT_FOUND,
        "scenario '" + id + "' has no version " + version)));
  }

  List<Integer> versions(String id) {
    return store.versions(id);
  }

  List<Stored> list() {
    return store.latestAll().stream().map(ScenarioStore::stored).toList();
  }

  void delete(String id) {
    if (!store.delete(id)) {
      throw notFound(id);
    }
  }

  private static Stored stored(StoredDocument d) {
    try {
      return new Stored(d.id(), d.version(), (ObjectNode) Json.MAPPER.readTree(d.text()), d.storedAt().toString());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored scenario " + d.id() + " is not JSON", e);
    }
  }

  private static void checkId(String id) {
    if (!ID.matcher(id).matches()) {
      throw Requests.invalid("id", "a scenario id is 1-128 letters, digits, '.', '_' or '-', starting with a"
          + " letter or digit; was '" + id + "'");
    }
  }

  static DoppelException notFound(String id) {
    return new DoppelException(ErrorCode.SCENARIO_NOT_FOUND, "no scenario '" + id + "'",
        List.of(new DoppelException.Detail(ErrorCode.SCENARIO_NOT_FOUND.name(), "id", id)));
  }
}
