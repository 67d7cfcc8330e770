package io.doppel.model;

import static org.assertj.core.api.Assertions.assertThat;

/** The invariant every parse must keep, and a short label of how it ended for the fuzz reports. */
final class Outcomes {
  private Outcomes() {}

  /** {@code valid}, or the first error's code; every error has a code and a message that says what is wrong. */
  static String of(ParseResult result) {
    return switch (result) {
      case ParseResult.Valid valid -> "valid";
      case ParseResult.Invalid invalid -> {
        for (ParsingError error : invalid.errors()) {
          assertThat(error.code()).as("code of %s", error).isNotBlank();
          assertThat(error.message()).as("message of %s", error).isNotBlank();
        }
        yield invalid.errors().get(0).code();
      }
    };
  }
}
