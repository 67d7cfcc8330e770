package io.doppel.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.fuzz.Fuzzer;
import io.doppel.fuzz.FuzzReport;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Grammar-aware DTDL: random interfaces built to be valid must parse, with every content kept; nesting and
 * inheritance far past DTDL's limits must be refused with a parsing error, never a {@link StackOverflowError}.
 */
@Tag("fuzz")
class DtdlPropertyFuzzTest {
  private static final ModelParser PARSER = ModelParser.withDefaults();

  @Test
  void validByConstructionInterfacesParseAndKeepTheirContents() {
    FuzzReport report = Fuzzer.named("dtdl-generated", 300).values(RandomInterfaces::next, batch -> {
      ParseResult result = PARSER.parse(batch.documents(), ModelResolver.none());
      assertThat(result).as("%s", batch.documents()).isInstanceOf(ParseResult.Valid.class);
      InterfaceModel main = ((ParseResult.Valid) result).models().stream()
          .filter(m -> m.id().value().equals(RandomInterfaces.MAIN)).findFirst().orElseThrow();
      assertThat(main.contents().keySet()).as("%s", batch.documents())
          .containsExactlyInAnyOrderElementsOf(batch.mainContents());
      return "valid";
    }, batch -> String.join("\n", batch.documents()));
    assertThat(report.count("valid")).isEqualTo(report.inputs());
  }

  @Test
  void nestingAndInheritanceBeyondTheLimitsAreRefusedNotOverflowed() {
    FuzzReport report = Fuzzer.named("dtdl-deep", 30).values(random -> switch (random.nextInt(3)) {
      case 0 -> List.of(RandomInterfaces.deepObjectSchema(9 + random.nextInt(3_000)));
      // At least two levels: "[]" alone is an empty batch, which is valid (a million inputs drew it 5 times).
      case 1 -> List.of("[".repeat(2 + random.nextInt(20_000)) + "]".repeat(random.nextInt(2)));
      default -> RandomInterfaces.extendsChain(12 + random.nextInt(400));
    }, documents -> {
      ParseResult result = PARSER.parse(documents, ModelResolver.none());
      return Outcomes.of(result);
    }, documents -> documents.size() + " documents, first: " + documents.get(0).substring(0,
        Math.min(200, documents.get(0).length())));
    assertThat(report.count("valid")).as(report.line()).isZero();
  }
}
