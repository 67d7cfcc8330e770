package io.doppel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.mapping.MappingService;
import io.doppel.model.Dtmi;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the example packs ({@code doppel-examples/packs.txt}) into an engine. Idempotent: whatever already exists
 * (after a restart on the same data directory) is left alone, so {@code serve --demo} can be repeated. The packs'
 * mappings are stored once the mapping service exists ({@link #loadMappings}).
 */
final class DemoLoader {
  private static final String ROOT = "/doppel-examples/";

  private final TwinEngine engine;

  DemoLoader(TwinEngine engine) {
    this.engine = engine;
  }

  DemoSummary load() {
    List<String> packs = packs();
    int models = 0;
    int twins = 0;
    int relationships = 0;
    for (String pack : packs) {
      models += loadModels(pack);
      JsonNode graph = json(resource(pack + "/graph.json"));
      twins += loadTwins(graph.path("twins"));
      relationships += loadRelationships(graph.path("relationships"));
    }
    return new DemoSummary(packs, models, twins, relationships, 0);
  }

  /**
   * Stores each pack's {@code mappings.json} (id → definition) through the mapping service, as a {@code PUT
   * /mappings/{id}} would, so that the demo's devices, which publish in their own shapes and units, are read through
   * them. A mapping that already exists is left alone (the operator may have changed it). Answers how many it added.
   */
  static int loadMappings(MappingService mappings) {
    int added = 0;
    for (String pack : packs()) {
      if (DemoLoader.class.getResource(ROOT + pack + "/mappings.json") == null) {
        continue;
      }
      for (var entry : json(resource(pack + "/mappings.json")).properties()) {
        if (mappings.find(entry.getKey()).isEmpty()) {
          mappings.put(entry.getKey(), entry.getValue().toString());
          added++;
        }
      }
    }
    return added;
  }

  private static List<String> packs() {
    return resource("packs.txt").lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
  }

  private int loadModels(String pack) {
    List<String> fresh = new ArrayList<>();
    for (JsonNode model : json(resource(pack + "/models.json"))) {
      Dtmi id = Dtmi.parse(model.path("@id").asText());
      if (engine.catalog().get(id).isEmpty()) {
        fresh.add(model.toString());
      }
    }
    return fresh.isEmpty() ? 0 : engine.addModels(fresh).size();
  }

  private int loadTwins(JsonNode twins) {
    int added = 0;
    for (JsonNode twin : twins) {
      String id = twin.path("$dtId").asText();
      if (!exists(() -> engine.getTwin(id), ErrorCode.TWIN_NOT_FOUND)) {
        ObjectNode body = ((ObjectNode) twin).deepCopy();
        body.remove("$dtId");
        engine.putTwin(id, body, new Precondition(null, true));
        added++;
      }
    }
    return added;
  }

  private int loadRelationships(JsonNode relationships) {
    int added = 0;
    for (JsonNode rel : relationships) {
      String source = rel.path("$sourceId").asText();
      String id = rel.path("$relationshipId").asText();
      if (!exists(() -> engine.getRelationship(source, id), ErrorCode.RELATIONSHIP_NOT_FOUND)) {
        engine.putRelationship(source, id, ((ObjectNode) rel).deepCopy(), new Precondition(null, true));
        added++;
      }
    }
    return added;
  }

  /** True when the lookup succeeds; false when it fails with exactly {@code notFound}; anything else propagates. */
  private static boolean exists(Runnable lookup, ErrorCode notFound) {
    try {
      lookup.run();
      return true;
    } catch (DoppelException e) {
      if (e.code() != notFound) {
        throw e;
      }
      return false;
    }
  }

  private static String resource(String name) {
    try (InputStream in = DemoLoader.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("demo resource missing from the classpath: " + ROOT + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("demo data is not valid JSON", e);
    }
  }
}
