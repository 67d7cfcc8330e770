package io.doppel.sim.twin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.Precondition;
import io.doppel.twin.TwinEngine;
import java.util.List;

/**
 * A small shop in a real in-memory twin engine: users (source) send requests through a gateway (router) to an api
 * (2 replicas, 100 ms), which calls a database (1 replica, 50 ms) half the time and a payment provider (a sink)
 * a fifth of the time. Offered loads: api 0.4, db 0.2.
 */
public final class ShopTwins {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTEXT = """
      "@context": ["dtmi:dtdl:context;3", "dtmi:dtdl:extension:quantitativeTypes;1", "dtmi:io:doppel:sim;1"]""";
  private static final String PROBABILITY = """
      "properties": [{"@type": ["Property", "CallProbability"], "name": "p", "schema": "double"}]""";
  public static final List<String> MODELS = List.of(
      """
      {%s, "@id": "dtmi:shop:Users;1", "@type": ["Interface", "SimSource"], "contents": [
        {"@type": ["Property", "ArrivalRate"], "name": "rate", "schema": "double"},
        {"@type": ["Telemetry", "ObservedArrivalRate"], "name": "requestRate", "schema": "double"},
        {"@type": ["Relationship", "SimFlow"], "name": "sends", %s}]}""".formatted(CONTEXT, PROBABILITY),
      """
      {%s, "@id": "dtmi:shop:Gateway;1", "@type": ["Interface", "SimRouter"], "contents": [
        {"@type": ["Relationship", "SimFlow"], "name": "forwards", %s}]}""".formatted(CONTEXT, PROBABILITY),
      """
      {%s, "@id": "dtmi:shop:Provider;1", "@type": ["Interface", "SimSink"]}""".formatted(CONTEXT),
      """
      {%s, "@id": "dtmi:shop:Service;1", "@type": ["Interface", "SimStation"], "contents": [
        {"@type": ["Property", "Replicas"], "name": "replicas", "schema": "integer"},
        {"@type": ["Property", "TimeSpan", "MeanServiceTime"], "name": "serviceTime", "schema": "double",
         "unit": "millisecond"},
        {"@type": ["Property", "ServiceTimeCv"], "name": "cv", "schema": "double"},
        {"@type": ["Property", "QueueCapacity"], "name": "queue", "schema": "integer"},
        {"@type": ["Property", "Timeout"], "name": "timeout", "schema": "double"},
        {"@type": ["Property", "CostPerReplicaHour"], "name": "cost", "schema": "double"},
        {"@type": ["Telemetry", "ObservedArrivalRate"], "name": "requestRate", "schema": "double"},
        {"@type": ["Telemetry", "TimeSpan", "ObservedLatency"], "name": "latencyMean", "schema": "double",
         "unit": "millisecond"},
        {"@type": "Property", "name": "owner", "schema": "string"},
        {"@type": ["Relationship", "SimFlow"], "name": "calls", %s}]}""".formatted(CONTEXT, PROBABILITY));

  private ShopTwins() {}

  public static TwinEngine engine() {
    TwinEngine engine = TwinEngine.inMemory();
    engine.addModels(MODELS);
    twin(engine, "users", "dtmi:shop:Users;1", "{\"rate\": 8.0}");
    twin(engine, "gateway", "dtmi:shop:Gateway;1", "{}");
    twin(engine, "payments", "dtmi:shop:Provider;1", "{}");
    twin(engine, "api", "dtmi:shop:Service;1", "{\"replicas\": 2, \"serviceTime\": 100.0, \"cost\": 0.5,"
        + " \"owner\": \"shop\"}");
    twin(engine, "db", "dtmi:shop:Service;1", "{\"replicas\": 1, \"serviceTime\": 50.0, \"cost\": 2.0}");
    rel(engine, "users", "users-gateway", "gateway", "sends", "{}");
    rel(engine, "gateway", "gateway-api", "api", "forwards", "{}");
    rel(engine, "api", "api-db", "db", "calls", "{\"p\": 0.5}");
    rel(engine, "api", "api-payments", "payments", "calls", "{\"p\": 0.2}");
    return engine;
  }

  public static void twin(TwinEngine engine, String id, String model, String props) {
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(props);
      body.set("$metadata", JSON.createObjectNode().put("$model", model));
      engine.putTwin(id, body, Precondition.none());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static void rel(TwinEngine engine, String source, String id, String target, String name, String props) {
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(props);
      body.put("$targetId", target).put("$relationshipName", name);
      engine.putRelationship(source, id, body, Precondition.none());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static SimGraph graph() {
    try (TwinEngine engine = engine(); var snapshot = engine.snapshot()) {
      return SimGraph.capture(snapshot);
    }
  }
}
