/** Unit tests of authorisation parts that need no server. */
@NullMarked
package io.doppel.server.auth;

import org.jspecify.annotations.NullMarked;
