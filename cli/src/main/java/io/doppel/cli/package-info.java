/** The {@code doppel} command: runs the server and talks to one over HTTP. */
@org.jspecify.annotations.NullMarked
package io.doppel.cli;
