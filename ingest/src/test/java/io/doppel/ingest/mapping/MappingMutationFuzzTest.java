package io.doppel.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.doppel.fuzz.Corpus;
import io.doppel.fuzz.Fuzzer;
import io.doppel.fuzz.FuzzReport;
import io.doppel.fuzz.JsonMutator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example packs' mappings, mutated as JSON trees, as bytes and as YAML, then mapping mutated example
 * payloads: MAPPING_INVALID with a field, Unmappable with a reason, or updates; nothing else, and no hang.
 */
@Tag("fuzz")
class MappingMutationFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final List<String> TOKENS = List.of("\"match\"", "\"topic\"", "\"connector\"", "\"twinId\"",
      "\"telemetry\"", "\"properties\"", "\"when\"", "\"time\"", "\"from\"", "\"unit\"", "\"model\"",
      "\"component\"", "\"$.t\"", "\"$['a b']\"", "\"topic[9]\"", "\"{topic[1]}\"", "\"{\"", "\"}\"", "\"#\"",
      "\"+\"", "\"a/#/b\"", "\"degF->degC\"", "\"->\"", "\"$.a.b[0]\"", "\"1 / 0\"", "\"header.x\"",
      "\"dtmi:x:y;1\"", "&&", "||", "==", "(", ")", "'", "{", "}", "[", "]", ":", ",", "- ", "*a", "&a", "!!str",
      "---", "\n  ", "? ");

  @Test
  void mutatedExampleMappingsParseOrNameTheField() throws IOException {
    List<String> seeds = new ArrayList<>();
    for (String pack : List.of("building", "factory", "software-platform")) {
      Path file = Corpus.find("examples/src/main/resources/doppel-examples/" + pack + "/mappings.json");
      JsonNode all = JSON.readTree(Files.readString(file));
      for (Map.Entry<String, JsonNode> e : all.properties()) {
        seeds.add(e.getValue().toString());
      }
    }
    List<String> yaml = seeds.stream().map(MappingMutationFuzzTest::yaml).toList();
    JsonMutator json = new JsonMutator(seeds, TOKENS, 16 * 1024);
    io.doppel.fuzz.Mutator yamlBytes = io.doppel.fuzz.Mutator.ofText(yaml, TOKENS, 16 * 1024);
    JsonMutator payloads = new JsonMutator(List.of("{\"parts\":10,\"rejects\":1,\"power_w\":1500,\"ts\":"
        + "\"2026-01-01T00:00:00Z\"}", "{\"amps\":3.2,\"rpm\":1200,\"winding_f\":180.5}",
        "{\"state\":\"running\",\"temperature\":21.5,\"ts\":1700000000000}"), List.of("null", "\"x\"", "1e400"), 4_096);
    FuzzReport report = Fuzzer.named("mapping-mutation", 2_000).text(random -> {
      String definition = random.nextInt(4) == 0 ? yamlBytes.nextText(random) : json.nextMixed(random);
      return definition + "\u0001" + payloads.nextMixed(random);
    }, input -> {
      int cut = input.lastIndexOf('\u0001');
      String definition = cut < 0 ? input : input.substring(0, cut);
      String payload = cut < 0 ? "" : input.substring(cut + 1);
      return MappingTrial.run(definition, "factory/line-1/press-2/metrics", payload);
    });
    assertThat(seeds).hasSizeGreaterThan(5);
    assertThat(report.share("mapped") + report.share("Unmappable")).as(report.line()).isGreaterThan(0.05);
  }

  private static String yaml(String json) {
    try {
      return YAML.writeValueAsString(JSON.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
