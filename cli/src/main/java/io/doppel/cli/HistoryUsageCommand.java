package io.doppel.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code doppel history usage}: series, points, bytes and the oldest point of the history, per model. */
@Command(name = "usage", mixinStandardHelpOptions = true,
    description = "Print how much history each model's twins take: series, points, bytes, oldest point.")
final class HistoryUsageCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Override
  public void run() {
    ApiClient api = new ApiClient(client);
    api.print(spec.commandLine().getOut(), api.get("/history/usage"));
  }
}
