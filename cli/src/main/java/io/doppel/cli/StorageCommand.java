package io.doppel.cli;

import io.doppel.server.DiskReserve;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code doppel storage [--min-free <size>]}: the data directory's disk (free space, reserve, whether writes are
 * accepted), and a new reserve for the running server.
 */
@Command(name = "storage", mixinStandardHelpOptions = true,
    description = "Show the data disk's free space and reserve, or change the reserve of the running server.")
final class StorageCommand extends ClientCommand {
  @Option(names = "--min-free", paramLabel = "<size>",
      description = "New reserve, as serve --min-free-disk takes it (256MiB, 1GiB, 2%%, 0); in force at once, "
          + "until the server restarts.")
  String minFree;

  @Override
  public void run() {
    if (minFree != null) {
      try {
        DiskReserve.parse(minFree);
      } catch (IllegalArgumentException e) {
        throw new CliFailure(CliFailure.BAD_INPUT, "--min-free: " + e.getMessage());
      }
      print(api().put("/storage/reserve", ApiClient.MAPPER.createObjectNode().put("minFree", minFree)));
      return;
    }
    show("/storage");
  }
}
