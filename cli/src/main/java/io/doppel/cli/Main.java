package io.doppel.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code doppel.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
  }

  /** The whole command tree writing to {@code out}/{@code err}; tests call {@code execute} on it. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new DoppelCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      if (e instanceof CliFailure failure) {
        command.getErr().println(failure.getMessage());
        return failure.exitCode();
      }
      if (e instanceof IllegalArgumentException invalid) {
        // e.g. ServerConfig refusing --port 70000: a usage problem, not a crash
        command.getErr().println("doppel: " + invalid.getMessage());
        return CliFailure.BAD_INPUT;
      }
      throw e;
    });
    return cli;
  }
}
