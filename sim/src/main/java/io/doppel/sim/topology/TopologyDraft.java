package io.doppel.sim.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.sim.dist.Invalid;
import io.doppel.sim.twin.CompiledNetwork;
import io.doppel.sim.twin.NetworkCompiler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an importer found, before it becomes a document: services, the calls between them and where the clients'
 * requests enter. {@link #build} adds the client twin, picks the arrival rate and compiles the result with
 * {@link NetworkCompiler}, so a document that comes out is one the simulation accepts.
 */
final class TopologyDraft {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** A service twin: its properties besides the model's bookkeeping. */
  record Service(String id, ObjectNode properties) {}

  /** A flow between two services ({@code calls} or {@code dependsOn}). */
  record Edge(String source, String target, String name, ObjectNode properties) {}

  private final String format;
  private final Map<String, Service> services = new LinkedHashMap<>();
  private final List<Edge> edges = new ArrayList<>();
  private final Map<String, Double> entries = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  TopologyDraft(String format) {
    this.format = format;
  }

  static boolean validId(String id) {
    return ID.matcher(id).matches();
  }

  boolean has(String id) {
    return services.containsKey(id);
  }

  ObjectNode service(String at, String id) {
    if (!validId(id)) {
      throw Invalid.field(at, "'" + id + "' is not usable as a twin id (letters, digits, '.', '_', '-'; at most 128)");
    }
    if (services.containsKey(id)) {
      throw Invalid.field(at, "a second service named '" + id + "'");
    }
    ObjectNode props = JSON.createObjectNode().put("name", id).put("importedFrom", format);
    services.put(id, new Service(id, props));
    return props;
  }

  ObjectNode props(String id) {
    return java.util.Objects.requireNonNull(services.get(id), id).properties();
  }

  ObjectNode edge(String source, String target, String name, double probability) {
    ObjectNode props = JSON.createObjectNode().put("callProbability", probability);
    edges.add(new Edge(source, target, name, props));
    return props;
  }

  void entry(String service, double share) {
    entries.merge(service, share, Double::sum);
  }

  void note(String text) {
    notes.add(text);
  }

  TopologyDocument build(ImportOptions options) {
    if (services.containsKey(options.clientId())) {
      throw Invalid.field("clientId", "a service is named '" + options.clientId() + "', the id of the client twin;"
          + " choose another client id");
    }
    if (entries.isEmpty()) {
      throw Invalid.field("entries", "no service receives the clients' requests");
    }
    double total = entries.values().stream().mapToDouble(Double::doubleValue).sum();
    ObjectNode client = twin(options.clientId(), TopologyModels.CLIENT, JSON.createObjectNode()
        .put("name", options.clientId()).put("arrivalRate", 1.0));
    ArrayNode twins = JSON.createArrayNode().add(client);
    services.values().forEach(s -> twins.add(twin(s.id(), TopologyModels.SERVICE, s.properties())));
    ArrayNode relationships = JSON.createArrayNode();
    entries.forEach((to, share) -> relationships.add(relationship(options.clientId(), to, "sends",
        JSON.createObjectNode().put("callProbability", share / total))));
    edges.forEach(e -> relationships.add(relationship(e.source(), e.target(), e.name(), e.properties())));

    // Offered load is linear in the arrival rate: compile at 1 request/s, then scale to the chosen rate.
    CompiledNetwork unit = NetworkCompiler.compile(TopologyDocument.simGraph(twins, relationships));
    double busiest = unit.offeredLoad().values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    if (!(busiest > 0) || Double.isInfinite(busiest)) {
      throw Invalid.field("entries", "no service receives work from the clients");
    }
    double rate = options.rate() != null ? options.rate() : options.targetLoad() / busiest;
    client.put("arrivalRate", rate);
    CompiledNetwork compiled = NetworkCompiler.compile(TopologyDocument.simGraph(twins, relationships));
    List<String> all = new ArrayList<>(notes);
    all.addAll(compiled.warnings());
    return new TopologyDocument(models(), twins, relationships, rate, compiled.offeredLoad(), all);
  }

  private static ArrayNode models() {
    ArrayNode out = JSON.createArrayNode();
    for (String m : TopologyModels.JSON) {
      try {
        out.add(JSON.readTree(m));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("the generated models are JSON", e);
      }
    }
    return out;
  }

  private static ObjectNode twin(String id, String model, ObjectNode properties) {
    ObjectNode twin = JSON.createObjectNode().put("$dtId", id);
    twin.putObject("$metadata").put("$model", model);
    twin.setAll(properties);
    return twin;
  }

  private static ObjectNode relationship(String source, String target, String name, ObjectNode properties) {
    ObjectNode r = JSON.createObjectNode()
        .put("$relationshipId", source + "-" + name + "-" + target)
        .put("$sourceId", source)
        .put("$targetId", target)
        .put("$relationshipName", name);
    r.setAll(properties);
    return r;
  }
}
