package io.doppel.sim.scenario;

import io.doppel.sim.twin.ShopTwins;
import io.doppel.sim.twin.SimGraph;
import io.doppel.twin.TwinEngine;
import java.util.List;

/**
 * A twin graph using the behaviour co-types: users (10/s) send to an api (2 replicas, 100 ms; failures, autoscaling
 * and cost on its properties) that calls a db (1 replica, 40 ms) on every request along a flow carrying a timeout,
 * a retry limit and back-off, a breaker (threshold, window, open time) and a transport delay; the api may hold a stock
 * (Inventory), scale (target, maximum, interval, provisioning delay) and block when full. Only the properties a
 * test sets are in force.
 */
final class BehaviourTwins {
  private static final String CONTEXT = """
      "@context": ["dtmi:dtdl:context;3", "dtmi:dtdl:extension:quantitativeTypes;1", "dtmi:io:doppel:sim;1"]""";
  static final List<String> MODELS = List.of(
      """
      {%s, "@id": "dtmi:ops:Users;1", "@type": ["Interface", "SimSource"], "contents": [
        {"@type": ["Property", "ArrivalRate"], "name": "rate", "schema": "double"},
        {"@type": ["Relationship", "SimFlow"], "name": "sends"}]}""".formatted(CONTEXT),
      """
      {%s, "@id": "dtmi:ops:Service;1", "@type": ["Interface", "SimStation"], "contents": [
        {"@type": ["Property", "Replicas"], "name": "replicas", "schema": "integer"},
        {"@type": ["Property", "TimeSpan", "MeanServiceTime"], "name": "serviceTime", "schema": "double",
         "unit": "millisecond"},
        {"@type": ["Property", "QueueCapacity"], "name": "queue", "schema": "integer"},
        {"@type": ["Property", "CostPerReplicaHour"], "name": "cost", "schema": "double"},
        {"@type": ["Property", "Mtbf"], "name": "mtbf", "schema": "double"},
        {"@type": ["Property", "TimeSpan", "Mttr"], "name": "mttr", "schema": "double", "unit": "second"},
        {"@type": ["Property", "AutoscaleTarget"], "name": "targetUtilisation", "schema": "double"},
        {"@type": ["Property", "MaxReplicas"], "name": "maxReplicas", "schema": "integer"},
        {"@type": ["Property", "AutoscaleInterval"], "name": "scaleEvery", "schema": "double"},
        {"@type": ["Property", "TimeSpan", "ProvisioningDelay"], "name": "bootTime", "schema": "double",
         "unit": "minute"},
        {"@type": ["Property", "BlockWhenFull"], "name": "blocking", "schema": "boolean"},
        {"@type": ["Property", "Inventory"], "name": "stock", "schema": {"@type": "Object", "fields": [
          {"name": "policy", "schema": "string"}, {"name": "reorderPoint", "schema": "integer"},
          {"name": "level", "schema": "integer"}, {"name": "leadTime", "schema": "double"},
          {"name": "shortage", "schema": "string"}, {"name": "initialStock", "schema": "integer"}]}},
        {"@type": ["Relationship", "SimFlow"], "name": "calls", "properties": [
          {"@type": ["Property", "CallProbability"], "name": "p", "schema": "double"},
          {"@type": ["Property", "TimeSpan", "Timeout"], "name": "timeout", "schema": "double",
           "unit": "millisecond"},
          {"@type": ["Property", "RetryLimit"], "name": "retries", "schema": "integer"},
          {"@type": ["Property", "BreakerThreshold"], "name": "breakAt", "schema": "double"},
          {"@type": ["Property", "TimeSpan", "RetryBackoff"], "name": "backoff", "schema": "double",
           "unit": "millisecond"},
          {"@type": ["Property", "BreakerWindow"], "name": "breakerCalls", "schema": "integer"},
          {"@type": ["Property", "BreakerOpenDuration"], "name": "openFor", "schema": "double"},
          {"@type": ["Property", "TimeSpan", "TransportDelay"], "name": "delay", "schema": "double",
           "unit": "millisecond"}]}]}""".formatted(CONTEXT));

  private BehaviourTwins() {}

  /** The graph with {@code api} and {@code api-db} properties given as JSON object bodies. */
  static SimGraph graph(String api, String apiDb) {
    try (TwinEngine engine = TwinEngine.inMemory()) {
      engine.addModels(MODELS);
      ShopTwins.twin(engine, "users", "dtmi:ops:Users;1", "{\"rate\": 10.0}");
      ShopTwins.twin(engine, "api", "dtmi:ops:Service;1", api);
      ShopTwins.twin(engine, "db", "dtmi:ops:Service;1", "{\"replicas\": 1, \"serviceTime\": 40.0}");
      ShopTwins.rel(engine, "users", "users-api", "api", "sends", "{}");
      ShopTwins.rel(engine, "api", "api-db", "db", "calls", apiDb);
      try (var snapshot = engine.snapshot()) {
        return SimGraph.capture(snapshot);
      }
    }
  }

  static ScenarioResult run(SimGraph graph, String scenario) throws Exception {
    ScenarioDefinition def = ScenarioParser.parse(ShopTwins.JSON.readTree(scenario));
    return new ScenarioRunner(2).run(ScenarioRunner.prepare(graph, def, null), Progress.NONE);
  }
}
