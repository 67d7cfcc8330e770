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

  @Test
  void anIdOfAThousandSegmentsIsRefusedInsteadOfOverflowingTheRegexEngine() {
    // found by the long dtdl-mutation run: "dtmi:e:p:pi:pi:..." (about 700 segments) made java.util.regex
    // recurse once per segment and overflow the stack; ids are now checked in one pass
    String manySegments = "dtmi:e" + ":pi".repeat(680) + ";1";
    assertThat(onSmallStack(() -> Dtmi.isValid(manySegments))).isEqualTo(true);
    assertThat(onSmallStack(() -> Dtmi.isValid("dtmi:e" + ":pi".repeat(1_300)))).isEqualTo(true);
    String document = "{\"@context\":\"dtmi:dtdl:context;4\",\"@id\":\"dtmi:e\",\"\":{\"@id\":\""
        + manySegments + "\"}}";
    assertThat(onSmallStack(() -> ModelParser.withDefaults().parse(List.of(document), ModelResolver.none())))
        .isInstanceOf(ParseResult.Invalid.class);
  }

  @Test
  void aRelationshipTargetOfAThousandSegmentsIsCheckedWithoutTheRegexEngine() {
    // found by the long dtdl-mutation run (input #124,156): a Relationship's "target" of ~1,000 segments went
    // through the digest's identifier pattern in java.util.regex, which recursed per segment and overflowed
    String target = "dtmi:foo" + ":foo".repeat(1_000) + ":bar;7";
    String document = "{\"@context\":\"dtmi:dtdl:context;4\",\"@id\":\"dtmi:ta;1\",\"@type\":\"Interface\","
        + "\"contents\":{\"@type\":\"Relationship\",\"name\":\"thn\",\"target\":\"" + target + "\"}}";
    assertThat(onSmallStack(() -> ModelParser.withDefaults().parse(List.of(document), ModelResolver.none())))
        .isInstanceOf(ParseResult.class);
    // the one-pass check still refuses what the pattern refuses
    String invalidTarget = document.replace(":bar;7", ":bar_;7");
    assertThat(onSmallStack(() -> ModelParser.withDefaults().parse(List.of(invalidTarget), ModelResolver.none())))
        .isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> assertThat(invalid.errors())
            .extracting(ParsingError::code).contains("identifierInvalid"));
  }

  /** Runs on a 256 KiB stack, a quarter of a request thread's, so a recursion the fix removed would show. */
  private static Object onSmallStack(java.util.function.Supplier<Object> work) {
    Object[] out = new Object[1];
    Thread thread = new Thread(null, () -> {
      try {
        out[0] = work.get();
      } catch (Throwable t) {
        out[0] = t;
      }
    }, "small-stack", 256 * 1024);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return out[0];
  }
}
