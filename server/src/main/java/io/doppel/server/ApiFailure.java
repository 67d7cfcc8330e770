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

  ApiFailure(Code code, String message, List<DoppelException.Detail> details) {
    super(message);
    this.code = code;
    this.details = List.copyOf(details);
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
}
