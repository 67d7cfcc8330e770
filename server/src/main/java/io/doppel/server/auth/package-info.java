/**
 * Access control: who the caller is (API keys, JWT bearer tokens), what they may do (roles and policies, down to
 * properties), the permission every HTTP route declares ({@link io.doppel.server.auth.RoutePermissions}), and the
 * tamper-evident audit log of writes and denials.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.server.auth;
