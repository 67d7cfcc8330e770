package io.doppel.ingest;

/**
 * A message a mapping cannot turn into updates. {@code reason} is a stable code (e.g. {@code PAYLOAD_NOT_JSON},
 * {@code NO_MAPPING}, {@code FIELD_MISSING}); the message names the offending field or position.
 */
public final class Unmappable extends Exception {
  private final String reason;

  public Unmappable(String reason, String message) {
    super(message, null, false, false); // an expected outcome, not a bug: no stack trace to fill
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
