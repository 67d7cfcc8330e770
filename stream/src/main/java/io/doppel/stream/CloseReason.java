package io.doppel.stream;

/**
 * Why the server ended a subscription: a stable {@code code} clients can match (like the error codes of the HTTP
 * API) and a message for people.
 */
public record CloseReason(Kind kind, String message) {
  /** The stable codes; never rename one. */
  public enum Kind {
    /** The subscriber fell further behind than its limit (or out of retention): it was not reading fast enough. */
    SUBSCRIBER_TOO_SLOW,
    /** Events were lost before reaching the stream (the stream could not keep up with the engine). */
    STREAM_OVERLOADED,
    /** The server is shutting down. */
    SERVER_SHUTTING_DOWN,
    /** The client closed the connection or replaced the subscription; nothing is sent. */
    CLIENT_CLOSED
  }

  /** {@code CODE: message}, what a WebSocket close reason and an SSE error event carry. */
  public String text() {
    return kind.name() + ": " + message;
  }
}
