package io.doppel.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.fuzz.Fuzzer;
import io.doppel.fuzz.FuzzReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Generated mappings are valid by construction, so they must parse; mapping a payload gives updates or an
 * Unmappable with a reason. Expressions nested or chained past the limits are refused with the field and column.
 */
@Tag("fuzz")
class MappingPropertyFuzzTest {
  @Test
  void generatedMappingsParseAndMapOrSayWhyNot() {
    FuzzReport report = Fuzzer.named("mapping-generated", 1_500).values(RandomMappings::next, c -> {
      String outcome = MappingTrial.run(c.definition(), c.topic(), c.payload());
      assertThat(outcome).as("%s", c).doesNotStartWith("MAPPING_INVALID");
      return outcome;
    }, c -> c.definition() + " <- " + c.topic() + " " + c.payload());
    assertThat(report.count("mapped")).as(report.line()).isGreaterThan(report.inputs() / 40);
  }

  @Test
  void expressionsPastTheLimitsAreRefusedWithAColumn() {
    Fuzzer.named("mapping-deep", 300).text(random -> {
      int n = 1 + random.nextInt(5_000);
      String expression = switch (random.nextInt(5)) {
        case 0 -> "(".repeat(n) + "$.t" + ")".repeat(n);
        case 1 -> "-".repeat(n) + "$.t";
        case 2 -> "!".repeat(n) + "true";
        case 3 -> "$.t" + " + 1".repeat(n);
        default -> "$" + ".a".repeat(n);
      };
      return "{\"match\":{\"topic\":\"#\"},\"twinId\":\"x\",\"telemetry\":{\"t\":" + com.fasterxml.jackson.databind
          .node.TextNode.valueOf(expression) + "}}";
    }, definition -> MappingTrial.run(definition, "a/b", "{\"t\":1}"));
  }
}
