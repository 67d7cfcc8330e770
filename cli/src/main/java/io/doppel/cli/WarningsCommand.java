package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doppel warnings ...}: time-to-threshold warnings, their definitions and those in force. */
@Command(name = "warnings", mixinStandardHelpOptions = true,
    description = "Define, list, show and delete time-to-threshold warnings, and list those in force "
        + "(see docs/prediction.md).",
    subcommands = {WarningsCommand.Put.class, WarningsCommand.ListWarnings.class, WarningsCommand.Get.class,
        WarningsCommand.Delete.class, WarningsCommand.Active.class})
final class WarningsCommand {

  static String path(String name) {
    return "/warnings/" + ApiClient.segment(name);
  }

  @Command(name = "put", mixinStandardHelpOptions = true,
      description = "Define or replace a warning; a bad one is refused naming the field.")
  static final class Put extends ClientCommand {
    @Parameters(index = "0", paramLabel = "<name>") String name;

    @Parameters(index = "1", paramLabel = "<definition>",
        description = "Warning JSON ({\"model\"|\"twin\",\"series\",\"above\"|\"below\",\"within\",\"level\","
            + "\"interval\"}): a file, '-' for stdin, or inline.")
    String definition;

    @Override
    public void run() {
      JsonNode body = Bodies.read(definition, System.in);
      print(api().put(path(name), body));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the warning definitions.")
  static final class ListWarnings extends ClientCommand {
    @Override
    public void run() {
      showItems("/warnings");
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one warning definition.")
  static final class Get extends ClientCommand {
    @Parameters(paramLabel = "<name>") String name;

    @Override
    public void run() {
      show(path(name));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a warning definition; its warnings in force end.")
  static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "<name>") String name;

    @Override
    public void run() {
      delete(path(name), "deleted warning " + name);
    }
  }

  @Command(name = "active", mixinStandardHelpOptions = true,
      description = "The warnings in force (soonest crossing first): when each series is expected to cross its "
          + "threshold, with the interval.")
  static final class Active extends ClientCommand {
    @Option(names = "--twin", paramLabel = "<id>", description = "Only this twin's warnings.")
    String twin;

    @Override
    public void run() {
      showItems(twin == null ? "/warnings/active" : TwinsCommand.path(twin) + "/warnings");
    }
  }
}
