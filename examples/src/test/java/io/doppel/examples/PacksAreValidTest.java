package io.doppel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.InterfaceModel;
import io.doppel.model.ModelCatalog;
import io.doppel.model.ModelParser;
import io.doppel.model.ModelResolver;
import io.doppel.model.ParseResult;
import io.doppel.sim.twin.CompiledNetwork;
import io.doppel.sim.twin.NetworkCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PacksAreValidTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<String> packs() {
    return read("doppel-examples/packs.txt").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  @Test
  void packListNamesTheSoftwarePlatformTheFactoryTheBuildingAndTheSupplyChain() {
    assertThat(packs()).containsExactly("software-platform", "factory", "building", "supply-chain");
  }

  @ParameterizedTest
  @MethodSource("packs")
  void modelsAreOneArrayThatParsesValidWithQuantitativeTypes(String pack) throws IOException {
    String models = read("doppel-examples/" + pack + "/models.json");
    JsonNode tree = JSON.readTree(models);
    assertThat(tree.isArray()).as("models.json is one JSON array").isTrue();
    for (JsonNode model : tree) {
      assertThat(model.path("@context").toString())
          .contains("dtmi:dtdl:context;3", "dtmi:dtdl:extension:quantitativeTypes;1");
    }
    List<InterfaceModel> parsed = parse(pack);
    assertThat(parsed).hasSize(tree.size());
  }

  @ParameterizedTest
  @MethodSource("packs")
  void everyTwinAndRelationshipMatchesTheModels(String pack) throws IOException {
    JsonNode graph = JSON.readTree(read("doppel-examples/" + pack + "/graph.json"));
    List<String> problems = GraphChecker.check(ModelCatalog.of(parse(pack)), graph);
    assertThat(problems).isEmpty();
    // the supply chain is small on purpose (a few nodes whose stock and lanes matter); the others are rich graphs
    boolean small = pack.equals("supply-chain");
    assertThat(graph.path("twins").size()).isGreaterThanOrEqualTo(small ? 9 : 30);
    assertThat(graph.path("relationships").size()).isGreaterThanOrEqualTo(small ? 10 : 40);
  }

  @Test
  void softwarePlatformHasARealisticCallGraph() throws IOException {
    JsonNode graph = JSON.readTree(read("doppel-examples/software-platform/graph.json"));
    ModelCatalog catalog = ModelCatalog.of(parse("software-platform"));
    long services = twinsOfModel(graph, "dtmi:io:doppel:examples:platform:Service;1");
    long calls = relationshipsNamed(graph, "calls");
    assertThat(services).isBetween(12L, 20L);
    assertThat(calls).isGreaterThanOrEqualTo(services);
    assertThat(catalog.descendantsOf(new io.doppel.model.Dtmi("dtmi:io:doppel:examples:platform:Component;1")))
        .hasSize(catalog.size());
  }

  @Test
  void checkerRejectsAPropertyTheModelDoesNotDeclare() throws IOException {
    JsonNode graph = JSON.readTree(read("doppel-examples/factory/graph.json"));
    ((ObjectNode) graph.path("twins").get(0)).put("colour", "blue");
    assertThat(GraphChecker.check(ModelCatalog.of(parse("factory")), graph))
        .singleElement().asString().startsWith("plant-lyon.colour: no such content");
  }

  @Test
  void checkerRejectsAValueOfTheWrongTypeAndAnUnknownEnumValue() throws IOException {
    JsonNode graph = JSON.readTree(read("doppel-examples/factory/graph.json"));
    ObjectNode machine = (ObjectNode) graph.path("twins").get(2);
    machine.put("capacityPerHour", "twenty");
    machine.put("status", "exploded");
    ((ObjectNode) machine.path("motor")).put("ratedPower", true);
    assertThat(GraphChecker.check(ModelCatalog.of(parse("factory")), graph))
        .containsExactlyInAnyOrder(
            "machining-cnc-1.capacityPerHour: \"twenty\" is not a plausible integer",
            "machining-cnc-1.status: \"exploded\" is not one of the enum's values",
            "machining-cnc-1.motor.ratedPower: true is not a plausible double");
  }

  @Test
  void checkerRejectsUndeclaredRelationshipsAndDanglingTargets() throws IOException {
    JsonNode graph = JSON.readTree(read("doppel-examples/software-platform/graph.json"));
    ObjectNode first = (ObjectNode) graph.path("relationships").get(0);
    first.put("$relationshipName", "flirtsWith");
    ObjectNode second = (ObjectNode) graph.path("relationships").get(1);
    second.put("$targetId", "no-such-node");
    assertThat(GraphChecker.check(ModelCatalog.of(parse("software-platform")), graph))
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("'flirtsWith' is not a relationship of"))
        .anySatisfy(p -> assertThat(p).contains("target 'no-such-node' is not a twin of the graph"));
  }

  @Test
  void checkerRejectsARelationshipToATwinOfTheWrongModel() throws IOException {
    JsonNode graph = JSON.readTree(read("doppel-examples/software-platform/graph.json"));
    ObjectNode runsOn = (ObjectNode) graph.path("relationships").get(0);
    runsOn.put("$targetId", "orders-db");
    assertThat(GraphChecker.check(ModelCatalog.of(parse("software-platform")), graph))
        .singleElement().asString().contains("targets dtmi:io:doppel:examples:platform:Host;1");
  }

  @Test
  void softwarePlatformCompilesToAStableQueueingNetwork() throws IOException {
    JsonNode graph = JSON.readTree(read("doppel-examples/software-platform/graph.json"));
    CompiledNetwork compiled = NetworkCompiler.compile(PackGraphs.simGraph(
        ModelCatalog.of(parse("software-platform")), graph));
    assertThat(compiled.network().sources()).extracting(s -> s.id()).containsExactly("users");
    assertThat(compiled.network().stations()).hasSize(21);
    assertThat(compiled.network().routes()).hasSize(31);
    assertThat(compiled.warnings()).isEmpty();
    assertThat(compiled.offeredLoad()).allSatisfy((id, rho) -> assertThat(rho).as(id).isBetween(0.0, 0.85));
    assertThat(compiled.offeredLoad().get("web-frontend")).isBetween(0.5, 0.7);
    assertThat(compiled.totalCostPerHour()).isGreaterThan(0);
  }

  private static long twinsOfModel(JsonNode graph, String model) {
    return graph.path("twins").valueStream()
        .filter(t -> t.path("$metadata").path("$model").asText().equals(model)).count();
  }

  private static long relationshipsNamed(JsonNode graph, String name) {
    return graph.path("relationships").valueStream()
        .filter(r -> r.path("$relationshipName").asText().equals(name)).count();
  }

  private static List<InterfaceModel> parse(String pack) {
    String models = read("doppel-examples/" + pack + "/models.json");
    ParseResult result = ModelParser.withDefaults().parse(List.of(models), ModelResolver.none());
    return switch (result) {
      case ParseResult.Valid valid -> valid.models();
      case ParseResult.Invalid invalid -> throw new AssertionError(pack + " models are invalid: " + invalid.errors());
    };
  }

  private static String read(String resource) {
    try (InputStream in = PacksAreValidTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError("missing classpath resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
