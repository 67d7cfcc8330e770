package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code doppel rules ...}: derived properties and alerts evaluated by a server as changes arrive. */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = "Define, list, show and delete rules (derived properties and alerts; see docs/rules.md).",
    subcommands = {RulesCommand.Add.class, RulesCommand.ListRules.class, RulesCommand.Show.class,
        RulesCommand.Delete.class})
final class RulesCommand {

  static String path(String id) {
    return "/rules/" + ApiClient.segment(id);
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Define or replace a rule; a bad one is refused naming the field (and line:column).")
  static final class Add implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(index = "0", paramLabel = "<id>") String id;

    @Parameters(index = "1", paramLabel = "<definition>",
        description = "Rule JSON: a file, '-' for stdin, or inline.")
    String definition;

    @Override
    public void run() {
      JsonNode body = Bodies.read(definition, System.in);
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.put(path(id), body));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the rules with their counters (evaluations, writes, errors, last error).")
  static final class ListRules implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.get("/rules").path("value"));
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one rule and its counters.")
  static final class Show implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "<id>") String id;

    @Override
    public void run() {
      ApiClient api = new ApiClient(client);
      api.print(spec.commandLine().getOut(), api.get(path(id)));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a rule; its alerts are forgotten, the values it wrote stay.")
  static final class Delete implements Runnable {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "<id>") String id;

    @Override
    public void run() {
      new ApiClient(client).delete(path(id), null);
      spec.commandLine().getOut().println("deleted rule " + id);
    }
  }
}
