/** The HTTP API shaped like Azure Digital Twins' data plane, its error mapping, metrics and the composition root. */
@org.jspecify.annotations.NullMarked
package io.doppel.server;
