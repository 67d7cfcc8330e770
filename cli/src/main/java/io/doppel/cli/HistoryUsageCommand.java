package io.doppel.cli;

import picocli.CommandLine.Command;

/** {@code doppel history usage}: series, points, bytes and the oldest point of the history, per model. */
@Command(name = "usage", mixinStandardHelpOptions = true,
    description = "Print how much history each model's twins take: series, points, bytes, oldest point.")
final class HistoryUsageCommand extends ClientCommand {

  @Override
  public void run() {
    show("/history/usage");
  }
}
