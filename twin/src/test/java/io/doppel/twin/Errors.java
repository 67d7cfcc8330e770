package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a call fails with a given code, and gives the exception for closer checks. */
final class Errors {
  private Errors() {}

  static DoppelException expect(ErrorCode code, ThrowingCallable call) {
    DoppelException[] caught = new DoppelException[1];
    assertThatThrownBy(call).isInstanceOfSatisfying(DoppelException.class, e -> {
      org.assertj.core.api.Assertions.assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
      caught[0] = e;
    });
    return caught[0];
  }
}
