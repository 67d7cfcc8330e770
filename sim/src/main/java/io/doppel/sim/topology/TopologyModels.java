package io.doppel.sim.topology;

import io.doppel.model.InterfaceModel;
import io.doppel.model.ModelCatalog;
import io.doppel.model.ModelParser;
import io.doppel.model.ModelResolver;
import io.doppel.model.ParseResult;
import java.util.List;

/**
 * The two models every imported topology uses, annotated with the Doppel simulation context: a client population
 * (a source) and a service (a station) whose {@code calls} and {@code dependsOn} relationships are flows. They are
 * generated rather than borrowed from a pack so an import is self-contained and loads into any server.
 */
public final class TopologyModels {
  public static final String CLIENT = "dtmi:io:doppel:topology:Client;1";
  public static final String SERVICE = "dtmi:io:doppel:topology:Service;1";

  private static final String CONTEXT = """
      "@context": ["dtmi:dtdl:context;3", "dtmi:dtdl:extension:quantitativeTypes;1", "dtmi:io:doppel:sim;1"]""";
  private static final String PROBABILITY = """
      {"@type": ["Property", "CallProbability"], "name": "callProbability", "schema": "double",
       "description": "Probability that a request served by the source goes on to the target next."}""";

  static final List<String> JSON = List.of(
      """
      {%s, "@id": "%s", "@type": ["Interface", "SimSource"], "displayName": "Clients",
       "description": "The callers outside an imported topology.", "contents": [
        {"@type": "Property", "name": "name", "schema": "string"},
        {"@type": ["Property", "ArrivalRate"], "name": "arrivalRate", "schema": "double", "writable": true,
         "description": "Requests per second the clients send."},
        {"@type": ["Relationship", "SimFlow"], "name": "sends", "target": "%s", "properties": [%s]}]}"""
          .formatted(CONTEXT, CLIENT, SERVICE, PROBABILITY),
      """
      {%s, "@id": "%s", "@type": ["Interface", "SimStation"], "displayName": "Imported service",
       "description": "A microservice of an imported topology: replicas in front of one queue.", "contents": [
        {"@type": "Property", "name": "name", "schema": "string"},
        {"@type": "Property", "name": "importedFrom", "schema": "string",
         "description": "The file format the twin was imported from (misim, compose)."},
        {"@type": "Property", "name": "image", "schema": "string", "description": "Container image (compose)."},
        {"@type": "Property", "name": "instanceCapacity", "schema": "double",
         "description": "Work one instance does per second, in the units of the operations' demand (MiSim)."},
        {"@type": ["Property", "Replicas"], "name": "replicas", "schema": "integer", "writable": true},
        {"@type": ["Property", "TimeSpan", "MeanServiceTime"], "name": "meanServiceTime", "schema": "double",
         "unit": "millisecond", "writable": true},
        {"@type": ["Property", "ServiceTimeCv"], "name": "serviceTimeCv", "schema": "double", "writable": true},
        {"@type": ["Property", "QueueCapacity"], "name": "queueCapacity", "schema": "integer", "writable": true},
        {"@type": ["Property", "CostPerReplicaHour"], "name": "costPerReplicaHour", "schema": "double",
         "writable": true},
        {"@type": ["Property", "JoinCount"], "name": "joinCount", "schema": "integer", "writable": true,
         "description": "Replies the service waits for when its calls are parallel (absent: all)."},
        {"@type": ["Relationship", "SimFlow"], "name": "calls", "target": "%s", "properties": [%s,
          {"@type": "Property", "name": "callsPerRequest", "schema": "double",
           "description": "Mean calls to the target per request the source serves, before normalisation."},
          {"@type": ["Property", "CallMode"], "name": "callMode", "schema": "string",
           "description": "sequential or parallel: the source waits for the target's reply; absent: a hand-off."}]},
        {"@type": ["Relationship", "SimFlow"], "name": "dependsOn", "target": "%s", "properties": [%s,
          {"@type": "Property", "name": "condition", "schema": "string",
           "description": "The compose start-up condition."}]}]}"""
          .formatted(CONTEXT, SERVICE, SERVICE, PROBABILITY, SERVICE, PROBABILITY));

  private static final ModelCatalog CATALOG = parse();

  private TopologyModels() {}

  /** The generated models as a catalog, parsed once. */
  public static ModelCatalog catalog() {
    return CATALOG;
  }

  private static ModelCatalog parse() {
    ParseResult result = ModelParser.withDefaults().parse(JSON, ModelResolver.none());
    List<InterfaceModel> models = switch (result) {
      case ParseResult.Valid valid -> valid.models();
      case ParseResult.Invalid invalid -> throw new IllegalStateException("topology models are invalid: "
          + invalid.errors());
    };
    return ModelCatalog.of(models);
  }
}
