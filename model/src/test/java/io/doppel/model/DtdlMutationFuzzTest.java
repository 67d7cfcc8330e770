package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.doppel.fuzz.Corpus;
import io.doppel.fuzz.Fuzzer;
import io.doppel.fuzz.FuzzReport;
import io.doppel.fuzz.JsonMutator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated DTDL conformance documents: the parser answers Valid or Invalid (each error with a code and a message)
 * for every one of them, never throws and never hangs.
 */
@Tag("fuzz")
class DtdlMutationFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TOKENS = List.of("\"@context\"", "\"@id\"", "\"@type\"", "\"Interface\"",
      "\"Property\"", "\"Telemetry\"", "\"Relationship\"", "\"Component\"", "\"Command\"", "\"Object\"", "\"Array\"",
      "\"Map\"", "\"Enum\"", "\"contents\"", "\"schema\"", "\"schemas\"", "\"extends\"", "\"fields\"",
      "\"elementSchema\"", "\"mapKey\"", "\"mapValue\"", "\"enumValues\"", "\"enumValue\"", "\"valueSchema\"",
      "\"target\"", "\"writable\"", "\"name\"", "\"maxMultiplicity\"", "\"minMultiplicity\"", "\"unit\"",
      "\"dtmi:dtdl:context;2\"", "\"dtmi:dtdl:context;3\"", "\"dtmi:dtdl:context;4\"", "\"dtmi:ex:id;1\"",
      "\"dtmi:dtdl:extension:quantitativeTypes;1\"", "\"dtmi:io:doppel:sim;1\"", "\"double\"", "\"string\"",
      "\"integer\"", "{", "}", "[", "]", ",", ":", "null", "true", "false", "0", "-1", "1e400", "\"\"",
      "{\"@id\": \"dtmi:ex:id;1\"}", "\"dtmi:ex:id#frag;1\"", "\"\\u0000\"", "\"@graph\"", "\"@language\"");

  @Test
  void mutatedConformanceDocumentsParseOrAreRefused() {
    List<String> seeds = seeds();
    JsonMutator mutator = new JsonMutator(seeds, TOKENS, 64 * 1024);
    ModelParser parser = ModelParser.withDefaults();
    FuzzReport report = Fuzzer.named("dtdl-mutation", 1_000).text(mutator::nextMixed,
        document -> Outcomes.of(parser.parse(List.of(document), ModelResolver.none())));
    assertThat(seeds).hasSizeGreaterThan(1_000);
    // not a vacuous run: many mutants get past the JSON reader into DTDL's rules, and some stay valid
    assertThat(report.share("notJsonObject")).as(report.line()).isLessThan(0.8);
    assertThat(report.count("valid")).as(report.line()).isPositive();
  }

  /** Every document of every conformance case, each on its own. */
  private static List<String> seeds() {
    List<String> seeds = new ArrayList<>();
    for (String folder : List.of("specification", "generated", "doc-examples", "solecisms")) {
      for (String text : Corpus.texts(Corpus.find("shared/data/dtdl-conformance/" + folder), ".json")) {
        try {
          JsonNode root = JSON.readTree(text);
          for (JsonNode item : root.isArray() ? root : List.of(root)) {
            item.path("input").forEach(d -> seeds.add(d.isTextual() ? d.asText() : d.toPrettyString()));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return seeds;
  }
}
