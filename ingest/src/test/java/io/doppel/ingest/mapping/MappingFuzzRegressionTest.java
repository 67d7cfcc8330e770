package io.doppel.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.twin.DoppelException;
import org.junit.jupiter.api.Test;

/** Inputs the mapping fuzzers found, minimised, kept as regular tests. */
class MappingFuzzRegressionTest {
  @Test
  void aMemberWithAnEmptyNameIsNamedInTheError() {
    // found by mapping-mutation: {"": ...} was refused with an empty field, so the error named nothing
    assertThatThrownBy(() -> MappingParser.parse("m", 1, MappingParser.read("{\"\":{\"\":\"\"}}")))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.details()).singleElement().satisfies(d -> assertThat(d.target()).isEqualTo("\"\""));
          assertThat(e.getMessage()).startsWith("\"\": unknown field");
        });
    assertThatThrownBy(() -> MappingParser.parse("m", 1, MappingParser.read("{\"match\":{\"\":1}}")))
        .isInstanceOfSatisfying(DoppelException.class, e ->
            assertThat(e.details()).singleElement().satisfies(d -> assertThat(d.target()).isEqualTo("match.\"\"")));
  }

  @Test
  void aMemberWithABlankNameIsNamedInTheError() {
    // found by mapping-mutation (long run, input #728,321): {" ": ...} was refused with the blank field " "
    assertThatThrownBy(() -> MappingParser.parse("m", 1, MappingParser.read("{\"model\":\"\",\" \":\"\"}")))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.details()).singleElement().satisfies(d -> assertThat(d.target()).isEqualTo("\" \""));
          assertThat(e.getMessage()).startsWith("\" \": unknown field");
        });
    assertThatThrownBy(() -> MappingParser.parse("m", 1, MappingParser.read("{\"match\":{\"\\t\":1}}")))
        .isInstanceOfSatisfying(DoppelException.class, e ->
            assertThat(e.details()).singleElement().satisfies(d -> assertThat(d.target()).isEqualTo("match.\"\t\"")));
  }
}
