package io.doppel.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs the fuzzers found, minimised, kept as regular tests. */
class FuzzRegressionTest {
  @Test
  void schemasNestedHundredsOfLevelsAreRefusedInsteadOfOverflowingTheStack() throws Exception {
    // found by dtdl-deep: an Object schema nested ~300 levels passed the JSON reader (1,000 levels) and the
    // recursive validator overflowed the stack of the thread that parsed it; run on a small stack to be sure
    String document = RandomInterfaces.deepObjectSchema(300);
    ParseResult[] result = new ParseResult[1];
    Thread small = new Thread(null, () -> result[0] = ModelParser.withDefaults().parse(List.of(document),
        ModelResolver.none()), "small-stack", 512 * 1024);
    small.start();
    small.join();
    assertThat(result[0]).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> {
      assertThat(invalid.errors()).extracting(ParsingError::code).containsExactly("documentTooDeep");
      assertThat(invalid.errors().get(0).message()).contains("more than 128 levels deep");
    });
  }

  @Test
  void aDocumentJustWithinTheDepthLimitIsStillRead() {
    // DTDL's own depth rule, not the reader, refuses 40 nested Objects
    ParseResult result = ModelParser.withDefaults().parse(List.of(RandomInterfaces.deepObjectSchema(40)),
        ModelResolver.none());
    assertThat(result).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid ->
        assertThat(invalid.errors()).extracting(ParsingError::code).doesNotContain("documentTooDeep", "notJsonObject"));
  }

  @Test
  void aTopLevelIdThatIsNotAStringIsReportedInsteadOfCrashingOnItsContents() {
    // found by dtdl-mutation (minimised): a numeric @id reached the validator as a null id, and naming the
    // first content element threw a NullPointerException
    ParseResult result = ModelParser.withDefaults().parse(List.of(
        "{\"@context\":\"dtmi:dtdl:context;4\",\"@id\":8,\"@type\":\"Interface\",\"contents\":{\"\":\"\",\"e\":7,\"s\":\"\"}}"),
        ModelResolver.none());
    assertThat(result).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid ->
        assertThat(invalid.errors()).extracting(ParsingError::code).contains("idNotString"));
  }
}
