package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
  static final class Put implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(index = "0", paramLabel = "<name>") String name;

    @Parameters(index = "1", paramLabel = "<definition>",
        description = "Warning JSON ({\"model\"|\"twin\",\"series\",\"above\"|\"below\",\"within\",\"level\","
            + "\"interval\"}): a file, '-' for stdin, or inline.")
    String definition;

    @Override
    public void run() {
      JsonNode body = Bodies.read(definition, System.in);
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.put(path(name), body));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the warning definitions.")
  static final class ListWarnings implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.get("/warnings").path("value"));
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one warning definition.")
  static final class Get implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "<name>") String name;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.get(path(name)));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a warning definition; its warnings in force end.")
  static final class Delete implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "<name>") String name;

    @Override
    public void run() {
      new ApiClient(client).delete(path(name), null);
      spec.commandLine().getOut().println("deleted warning " + name);
    }
  }

  @Command(name = "active", mixinStandardHelpOptions = true,
      description = "The warnings in force (soonest crossing first): when each series is expected to cross its "
          + "threshold, with the interval.")
  static final class Active implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Option(names = "--twin", paramLabel = "<id>", description = "Only this twin's warnings.")
    String twin;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      String path = twin == null ? "/warnings/active" : "/digitaltwins/" + ApiClient.segment(twin) + "/warnings";
      api.print(spec.commandLine().getOut(), api.get(path).path("value"));
    }
  }
}
