package io.doppel.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.fuzz.Corpus;
import io.doppel.fuzz.Fuzzer;
import io.doppel.fuzz.FuzzReport;
import io.doppel.fuzz.JsonMutator;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario definitions, generated from the documented shapes over the shop graph's twins and mutated from the
 * docs' and example packs' scenarios: they parse and compile, or are refused naming the field, never anything else.
 */
@Tag("fuzz")
class ScenarioFuzzTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] TWINS = {"users", "gateway", "api", "db", "payments", "nope"};
  private static final List<String> TOKENS = List.of("\"horizon\"", "\"warmup\"", "\"replications\"", "\"seed\"",
      "\"window\"", "\"changes\"", "\"workload\"", "\"type\"", "\"twin\"", "\"property\"", "\"value\"",
      "\"setProperty\"", "\"fail\"", "\"demand\"", "\"flood\"", "\"addTwin\"", "\"removeTwin\"",
      "\"addRelationship\"", "\"setRelationshipProperty\"", "\"poisson\"", "\"daily\"", "\"rates\"", "\"rate\"",
      "\"factor\"", "\"start\"", "\"duration\"", "\"api\"", "\"db\"", "\"users\"", "\"replicas\"",
      "\"serviceTime\"", "\"base\"", "\"2026-01-01T00:00:00Z\"", "1e308", "-1", "0", "0.0001", "1000000000", "NaN");

  @Test
  void generatedScenariosParseAndCompileOrNameTheField() {
    FuzzReport report = Fuzzer.named("scenario-generated", 500).values(ScenarioFuzzTest::scenario, s -> {
      String outcome = ScenarioTrial.run(s.toString());
      assertThat(outcome).as("%s", s).doesNotStartWith("parse/");
      return outcome;
    }, ObjectNode::toString);
    assertThat(report.count("compiled")).as(report.line()).isGreaterThan(report.inputs() / 10);
  }

  @Test
  void mutatedDocumentedScenariosParseAndCompileOrNameTheField() throws IOException {
    List<String> seeds = new ArrayList<>();
    Matcher blocks = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(Corpus.find("docs/simulation.md")));
    while (blocks.find()) {
      if (blocks.group(1).contains("\"changes\"") || blocks.group(1).contains("\"horizon\"")) {
        seeds.add(blocks.group(1));
      }
    }
    seeds.addAll(Corpus.texts(Corpus.find("examples/src/main/resources/doppel-examples/factory/scenarios"), ".json"));
    for (int i = 0; i < 20; i++) {
      seeds.add(scenario(new java.util.SplittableRandom(i)).toString());
    }
    JsonMutator mutator = new JsonMutator(seeds, TOKENS, 32 * 1024);
    FuzzReport report = Fuzzer.named("scenario-mutation", 1_500).text(mutator::nextMixed, ScenarioTrial::run);
    assertThat(seeds).hasSizeGreaterThan(22);
    assertThat(report.count("compiled")).as(report.line()).isPositive();
  }

  static ObjectNode scenario(RandomGenerator r) {
    ObjectNode s = NODES.objectNode().put("name", "fuzz");
    int horizon = 60 + r.nextInt(10_000);
    s.put("horizon", horizon);
    if (r.nextBoolean()) {
      s.put("warmup", r.nextInt(horizon / 2));
    }
    if (r.nextBoolean()) {
      s.put("replications", 2 + r.nextInt(20));
    }
    if (r.nextBoolean()) {
      s.put("seed", r.nextInt(1000));
    }
    ArrayNode changes = s.putArray("changes");
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      String twin = TWINS[r.nextInt(TWINS.length - 1)];
      ObjectNode c = changes.addObject();
      switch (r.nextInt(5)) {
        case 0 -> c.put("type", "setProperty").put("twin", twin).put("property", r.nextBoolean() ? "replicas" : "serviceTime")
            .put("value", 1 + r.nextInt(5));
        case 1 -> c.put("type", "demand").put("factor", 0.1 + r.nextInt(30) / 10.0);
        case 2 -> c.put("type", "flood").put("twin", twin).put("rate", 1 + r.nextInt(50)).put("start", r.nextInt(horizon))
            .put("duration", 1 + r.nextInt(60));
        case 3 -> c.put("type", "fail").put("twin", twin).put("start", r.nextInt(horizon)).put("duration", 1 + r.nextInt(600));
        default -> c.put("type", "removeTwin").put("twin", twin);
      }
    }
    if (r.nextBoolean()) {
      ObjectNode users = s.putObject("workload").putObject("users");
      if (r.nextBoolean()) {
        users.put("type", "poisson").put("rate", 0.5 + r.nextInt(20));
      } else {
        ArrayNode rates = users.put("type", "daily").putArray("rates");
        for (int h = 0; h < 24; h++) {
          rates.add(r.nextInt(10));
        }
      }
    }
    return s;
  }
}
