package io.doppel.server;

import io.doppel.twin.DoppelException;
import java.util.List;

/**
 * A failure that belongs to HTTP itself rather than to the engine (unknown route, wrong method, wrong content type,
 * missing token). Engine failures stay {@link DoppelException}s; both are rendered by {@link ErrorMapping}.
 */
final class ApiFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Stable codes of the HTTP layer; like {@link io.doppel.twin.ErrorCode}, never rename one. */
  enum Code {
    ROUTE_NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    UNSUPPORTED_MEDIA_TYPE(415),
    UNAUTHORIZED(401),
    /** A command to a twin that no connected device subscribes to (or with the MQTT endpoint off). */
    COMMAND_NOT_DELIVERED(404),
    /** Every place of the tenant's scenario run queue is taken ({@code --max-queued-scenario-runs}). */
    SCENARIO_QUEUE_FULL(429),
    /** A bug: the message carries a correlation id that is also in the server log. */
    INTERNAL_ERROR(500);

    private final int status;

    Code(int status) {
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  private final Code code;
  private final transient List<DoppelException.Detail> details;
  /** Seconds for the {@code Retry-After} header, 0 for none. */
  private final long retryAfterSeconds;

  ApiFailure(Code code, String message, List<DoppelException.Detail> details, long retryAfterSeconds) {
    super(message);
    this.code = code;
    this.details = List.copyOf(details);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  ApiFailure(Code code, String message, List<DoppelException.Detail> details) {
    this(code, message, details, 0);
  }

  ApiFailure(Code code, String message) {
    this(code, message, List.of());
  }

  Code code() {
    return code;
  }

  List<DoppelException.Detail> details() {
    return details;
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
