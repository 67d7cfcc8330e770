package io.doppel.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A chain of Interfaces far past DTDL's depth limits, parsed on a thread with a small stack: the recursion that
 * builds Interfaces runs out of stack, and the batch must come back invalid with a depth error, not throw.
 */
class DeepChainTest {

  @Test
  void aChainThatExhaustsTheStackIsADepthError() throws InterruptedException {
    List<String> documents = new ArrayList<>();
    int length = 20_000;
    for (int i = 0; i < length; i++) {
      String base = i + 1 < length ? ", \"extends\": \"dtmi:deep:i" + (i + 1) + ";1\"" : "";
      documents.add("{\"@context\": \"dtmi:dtdl:context;3\", \"@id\": \"dtmi:deep:i" + i + ";1\", \"@type\": \"Interface\""
          + base + "}");
    }
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread parser = new Thread(null, () -> {
      try {
        outcome.set(ModelParser.withDefaults().parse(documents, ModelResolver.none()));
      } catch (Throwable e) {
        outcome.set(e);
      }
    }, "small-stack-parser", 256 * 1024);
    parser.start();
    parser.join();

    assertThat(outcome.get()).isInstanceOf(ParseResult.Invalid.class);
    List<String> codes = ((ParseResult.Invalid) outcome.get()).errors().stream().map(ParsingError::code).toList();
    assertThat(codes).contains("excessiveDepthNarrow");
  }
}
