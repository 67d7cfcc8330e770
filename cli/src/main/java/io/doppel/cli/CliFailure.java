package io.doppel.cli;

/** An expected failure shown to the user as one line, with the process exit code it maps to. */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The server answered 4xx: the request was wrong. */
  static final int REQUEST_REJECTED = 1;
  /** Bad local input: a file that cannot be read, a body that is not JSON. */
  static final int BAD_INPUT = 2;
  /** The server is unreachable or answered 5xx. */
  static final int SERVER_PROBLEM = 3;

  private final int exitCode;

  CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  CliFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
