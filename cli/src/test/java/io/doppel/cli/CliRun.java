package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One {@code doppel} command run in-process: its exit code and what it printed to each stream. */
record CliRun(int exit, String out, String err) {

  /** Runs {@code doppel <args>} exactly as given, as {@link Main} would from a shell. */
  static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** Standard output read as JSON. */
  JsonNode json() throws Exception {
    return ApiClient.MAPPER.readTree(out);
  }
}
