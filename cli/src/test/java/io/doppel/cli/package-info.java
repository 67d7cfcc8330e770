/** Tests of the doppel command against a real in-process server and, in KillNineIT, a real server process. */
@org.jspecify.annotations.NullMarked
package io.doppel.cli;
