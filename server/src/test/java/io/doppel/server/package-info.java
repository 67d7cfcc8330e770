/** Tests of the HTTP API against a real server on a random port. */
@org.jspecify.annotations.NullMarked
package io.doppel.server;
