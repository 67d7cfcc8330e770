/** Tests of access control that need no server, or the auth package's stored formats. */
@org.jspecify.annotations.NullMarked
package io.doppel.server.auth;
