package io.doppel.server.auth;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Tenant names: lower-case letters, digits and dashes, starting with a letter or digit, at most 63 characters, so
 * that a name is a safe directory name and a safe key prefix. {@link #DEFAULT} always exists.
 */
public final class TenantName {
  /** The tenant of the admin key, of pre-tenant API keys and of JWTs when no tenant claim is configured. */
  public static final String DEFAULT = "default";
  /** The header with which a platform admin addresses another tenant. */
  public static final String HEADER = "Doppel-Tenant";

  private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private TenantName() {}

  public static boolean valid(String name) {
    return SHAPE.matcher(name).matches();
  }

  /** {@code name} when it is a valid tenant name, else 400 {@code INVALID_ARGUMENT} naming {@code target}. */
  public static String require(String name, String target) {
    if (!valid(name)) {
      String message = "tenant name '" + name + "' must be 1-63 lower-case letters, digits or '-', starting with a"
          + " letter or digit";
      throw new DoppelException(ErrorCode.INVALID_ARGUMENT, message,
          List.of(new DoppelException.Detail("invalid", target, message)));
    }
    return name;
  }
}
