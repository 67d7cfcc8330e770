package io.doppel.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Long chains of Interfaces parsed on a thread with a small stack (256 KB): Interfaces are built from an explicit
 * work list, not by recursion, so the length of a chain costs heap, never stack, and the answer is the one DTDL's
 * rules give — not an error made up because the stack ran out.
 */
class DeepChainTest {
  private static final int SMALL_STACK = 256 * 1024;

  /**
   * {@code i0} extends {@code i1} extends ... {@code i<length-1>}: each document names the next, deeper one. With
   * {@code properties}, each Interface has one of its own (and inherits those below it).
   */
  private static List<String> extendsChain(String prefix, int length, boolean properties) {
    List<String> documents = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      String base = i + 1 < length ? ", \"extends\": \"dtmi:" + prefix + ":i" + (i + 1) + ";1\"" : "";
      documents.add("{\"@context\": \"dtmi:dtdl:context;3\", \"@id\": \"dtmi:" + prefix + ":i" + i
          + ";1\", \"@type\": \"Interface\"" + (properties ? ", \"contents\": [{\"@type\": \"Property\", \"name\": \"p"
          + i + "\", \"schema\": \"double\"}]" : "") + base + "}");
    }
    return documents;
  }

  private static Object onSmallStack(Supplier<ParseResult> parse) throws InterruptedException {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread parser = new Thread(null, () -> {
      try {
        outcome.set(parse.get());
      } catch (Throwable e) {
        outcome.set(e);
      }
    }, "small-stack-parser", SMALL_STACK);
    parser.start();
    parser.join();
    return outcome.get();
  }

  @Test
  void tenThousandInterfacesInChainsOfTenAreValidOnASmallStack() throws InterruptedException {
    // Ten levels is as deep as DTDL v3 lets extends go; the chains are listed root first, so each document's base
    // comes after it and every Interface is built from the far end of its chain.
    List<String> documents = new ArrayList<>();
    for (int chain = 0; chain < 1_000; chain++) {
      documents.addAll(extendsChain("c" + chain, 10, true));
    }
    Object outcome = onSmallStack(() -> ModelParser.withDefaults().parse(documents, ModelResolver.none()));

    assertThat(outcome).isInstanceOf(ParseResult.Valid.class);
    List<InterfaceModel> models = ((ParseResult.Valid) outcome).models();
    assertThat(models).hasSize(10_000);
    InterfaceModel root = models.get(0);
    assertThat(root.id()).isEqualTo(new Dtmi("dtmi:c0:i0;1"));
    assertThat(root.contents()).hasSize(10).containsKeys("p0", "p9");
    assertThat(root.ancestors()).hasSize(9).contains(new Dtmi("dtmi:c0:i9;1"));
  }

  @Test
  void aChainOfAHundredThousandGetsOneDepthErrorPerInterfacePastTheLimit() throws InterruptedException {
    int length = 100_000;
    // No contents: each Interface holds its inherited ones, which along one chain costs the square of its length.
    List<String> documents = extendsChain("deep", length, false);
    Object outcome = onSmallStack(() -> ModelParser.withDefaults().parse(documents, ModelResolver.none()));

    assertThat(outcome).isInstanceOf(ParseResult.Invalid.class);
    List<ParsingError> errors = ((ParseResult.Invalid) outcome).errors();
    // Sets, not AssertJ's list comparisons: those compare element by element, the square of 100,000.
    assertThat(errors.stream().map(ParsingError::code).collect(Collectors.toSet()))
        .isEqualTo(Set.of("excessiveDepthNarrow"));
    // i<k> has length - k levels (itself and its bases); DTDL v3 allows ten below an Interface, so the eleven at
    // the far end are fine and every other one is past the limit, reported once.
    Set<String> tooDeep = IntStream.range(0, length - 11).mapToObj(k -> "dtmi:deep:i" + k + ";1")
        .collect(Collectors.toSet());
    assertThat(errors).hasSize(tooDeep.size());
    assertThat(errors.stream().map(ParsingError::primaryId).collect(Collectors.toSet())).isEqualTo(tooDeep);
  }

  @Test
  void aLongChainThroughComponentsAndBasesIsParsedWithoutOverflow() throws InterruptedException {
    // Each Interface extends the next and has the one after as a Component: the component schemas themselves have
    // Components, which DTDL refuses, and the bases are too deep; both are reported, nothing is thrown.
    int length = 10_000;
    List<String> documents = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      String next = i + 1 < length ? "dtmi:mixed:i" + (i + 1) + ";1" : null;
      documents.add("{\"@context\": \"dtmi:dtdl:context;3\", \"@id\": \"dtmi:mixed:i" + i
          + ";1\", \"@type\": \"Interface\"" + (next == null ? "" : ", \"contents\": [{\"@type\": \"Component\", "
          + "\"name\": \"c\", \"schema\": \"" + (i + 2 < length ? "dtmi:mixed:i" + (i + 2) + ";1" : next) + "\"}]"
          + ", \"extends\": \"" + next + "\"") + "}");
    }
    Object outcome = onSmallStack(() -> ModelParser.withDefaults().parse(documents, ModelResolver.none()));

    assertThat(outcome).isInstanceOf(ParseResult.Invalid.class);
    assertThat(((ParseResult.Invalid) outcome).errors()).extracting(ParsingError::code)
        .contains("excessiveDepthNarrow", "excludedType");
  }
}
