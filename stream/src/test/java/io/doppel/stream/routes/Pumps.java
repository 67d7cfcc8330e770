package io.doppel.stream.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pumps whose rpm the route tests patch, and what a receiver makes of the CloudEvents it got. */
final class Pumps {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PUMP = "dtmi:r:Pump;1";
  static final String VALVE = "dtmi:r:Valve;1";

  private Pumps() {}

  static TwinEngine engine() {
    TwinEngine engine = TwinEngine.inMemory();
    addModels(engine);
    return engine;
  }

  static void addModels(TwinEngine engine) {
    engine.addModels(List.of("""
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:r:Pump;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "rpm", "schema": "double", "writable": true}]}""", """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:r:Valve;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "open", "schema": "double", "writable": true}]}"""));
  }

  static void twin(TwinEngine engine, String id, String model) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("$metadata").put("$model", model);
    engine.putTwin(id, body, Precondition.none());
  }

  static void rpm(TwinEngine engine, String id, double value) {
    ArrayNode patch = JSON.createArrayNode();
    patch.addObject().put("op", "add").put("path", "/rpm").put("value", value);
    engine.patchTwin(id, patch, Precondition.none());
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rpm values of each twin's patch events, in arrival order. */
  static Map<String, List<Double>> rpmsByTwin(List<JsonNode> events) {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    for (JsonNode e : events) {
      if (e.path("type").asText().equals("io.doppel.twin.patched")) {
        out.computeIfAbsent(e.path("subject").asText(), k -> new ArrayList<>())
            .add(e.path("data").path("patch").get(0).path("value").asDouble());
      }
    }
    return out;
  }

  /** 1, 2, ..., n. */
  static List<Double> upTo(int n) {
    List<Double> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add((double) i);
    }
    return out;
  }

  /** A route body from parts. */
  static ObjectNode route(ObjectNode endpoint, ObjectNode filter, ObjectNode options) {
    ObjectNode body = JSON.createObjectNode();
    body.set("endpoint", endpoint);
    body.set("filter", filter);
    body.set("options", options);
    return body;
  }

  /** Options that retry fast: tests must not wait for production backoff. */
  static ObjectNode fastRetries() {
    return JSON.createObjectNode().put("backoffBase", "PT0.01S").put("backoffMax", "PT0.05S").put("failingAfter", 3);
  }
}
