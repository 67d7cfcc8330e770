package io.doppel.server.auth;

import java.util.Set;

/**
 * Who made a request, as the audit log names them: {@code key:<id>}, {@code jwt:<subject>}, {@code admin} (the
 * start-up key or token) or {@code anonymous} (a server running open).
 */
public record Principal(String id, Kind kind, Set<String> roles, String tenant) {
  /** The built-in role that holds every action on everything. */
  public static final String ADMIN_ROLE = "admin";

  public enum Kind { ANONYMOUS, ADMIN_KEY, API_KEY, JWT }

  public static final Principal ANONYMOUS = new Principal("anonymous", Kind.ANONYMOUS, Set.of(ADMIN_ROLE));
  public static final Principal ADMIN = new Principal("admin", Kind.ADMIN_KEY, Set.of(ADMIN_ROLE));

  public Principal {
    roles = Set.copyOf(roles);
  }

  /** A caller of the default tenant. */
  public Principal(String id, Kind kind, Set<String> roles) {
    this(id, kind, roles, TenantName.DEFAULT);
  }

  /**
   * Whether the caller administers the platform rather than one tenant: the admin key, an open server's anonymous
   * caller, or an admin of the default tenant (which held every right before there were tenants). Only they manage
   * tenants and address another tenant with {@code Doppel-Tenant}.
   */
  public boolean platformAdmin() {
    return kind == Kind.ADMIN_KEY || kind == Kind.ANONYMOUS || (admin() && tenant.equals(TenantName.DEFAULT));
  }

  public boolean admin() {
    return roles.contains(ADMIN_ROLE);
  }
}
