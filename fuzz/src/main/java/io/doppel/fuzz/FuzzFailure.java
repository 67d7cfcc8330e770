package io.doppel.fuzz;

import org.jspecify.annotations.Nullable;

/** A fuzzer found an input that crashed, broke an invariant or hung: the message shows it, minimised when it could be. */
public final class FuzzFailure extends AssertionError {
  private static final long serialVersionUID = 1L;

  FuzzFailure(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
