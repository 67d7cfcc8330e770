package io.doppel.server.auth;

/**
 * A request refused by access control: 401 {@code UNAUTHORIZED} (no or bad credentials) or 403 {@code FORBIDDEN}
 * (known caller without the right); or an access-control resource that does not exist (404). The code is the kind's
 * name. The message says what was missing, never what a valid credential looks like.
 */
public final class AuthFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public enum Kind {
    UNAUTHORIZED(401), FORBIDDEN(403), KEY_NOT_FOUND(404), POLICY_NOT_FOUND(404),
    /** The caller may not address that tenant (only a platform admin may name one with {@code Doppel-Tenant}). */
    TENANT_FORBIDDEN(403),
    /** A valid JWT without the configured tenant claim, on a server with no default tenant for such tokens. */
    TENANT_CLAIM_MISSING(403),
    TENANT_NOT_FOUND(404),
    /**
     * The remote address made too many failed authentications lately: refused without checking the credentials
     * until {@code Retry-After} seconds have passed ({@link FailureLimit}).
     */
    AUTH_THROTTLED(429);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final Kind kind;
  private final long retryAfterSeconds;

  public AuthFailure(Kind kind, String message) {
    this(kind, message, 0);
  }

  private AuthFailure(Kind kind, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.kind = kind;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static AuthFailure throttled(long retryAfterSeconds) {
    return new AuthFailure(Kind.AUTH_THROTTLED, "too many failed authentications from this address: try again in "
        + retryAfterSeconds + " s", retryAfterSeconds);
  }

  /** For {@link Kind#AUTH_THROTTLED}: the seconds to wait (the {@code Retry-After} header); 0 otherwise. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static AuthFailure unauthorized(String message) {
    return new AuthFailure(Kind.UNAUTHORIZED, message);
  }

  public static AuthFailure forbidden(String message) {
    return new AuthFailure(Kind.FORBIDDEN, message);
  }

  public Kind kind() {
    return kind;
  }
}
