package io.doppel.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doppel impact <twinId>}: the twins that depend on a twin, or that it depends on, with the paths. */
@Command(name = "impact", mixinStandardHelpOptions = true,
    description = "Show the twins upstream (depending on) or downstream (depended on by) a twin, with paths.")
final class ImpactCommand extends ClientCommand {
  @Parameters(paramLabel = "<twinId>") String twinId;
  @Option(names = "--direction", paramLabel = "upstream|downstream", defaultValue = "downstream",
      description = "Default: ${DEFAULT-VALUE}.")
  String direction;
  @Option(names = "--relationships", paramLabel = "<name,...>", split = ",",
      description = "Relationship names to follow (default: all).")
  java.util.List<String> relationships;
  @Option(names = "--depth", paramLabel = "<n>", defaultValue = "3", description = "Hops (default: ${DEFAULT-VALUE}).")
  int depth;

  @Override
  public void run() {
    StringBuilder path = new StringBuilder(TwinsCommand.path(twinId)).append("/impact?direction=")
        .append(ApiClient.segment(direction)).append("&depth=").append(depth);
    if (relationships != null && !relationships.isEmpty()) {
      path.append("&relationships=").append(ApiClient.segment(String.join(",", relationships)));
    }
    show(path.toString());
  }
}
