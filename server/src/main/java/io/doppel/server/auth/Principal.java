package io.doppel.server.auth;

import java.util.Set;

/**
 * Who made a request, as the audit log names them: {@code key:<id>}, {@code jwt:<subject>}, {@code admin} (the
 * start-up key or token) or {@code anonymous} (a server running open).
 */
public record Principal(String id, Kind kind, Set<String> roles) {
  /** The built-in role that holds every action on everything. */
  public static final String ADMIN_ROLE = "admin";

  public enum Kind { ANONYMOUS, ADMIN_KEY, API_KEY, JWT }

  public static final Principal ANONYMOUS = new Principal("anonymous", Kind.ANONYMOUS, Set.of(ADMIN_ROLE));
  public static final Principal ADMIN = new Principal("admin", Kind.ADMIN_KEY, Set.of(ADMIN_ROLE));

  public Principal {
    roles = Set.copyOf(roles);
  }

  public boolean admin() {
    return roles.contains(ADMIN_ROLE);
  }
}
