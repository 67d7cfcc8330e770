package io.doppel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

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
  static final class Add extends ClientCommand {
    @Parameters(index = "0", paramLabel = "<id>") String id;

    @Parameters(index = "1", paramLabel = "<definition>",
        description = "Rule JSON: a file, '-' for stdin, or inline.")
    String definition;

    @Override
    public void run() {
      JsonNode body = Bodies.read(definition, System.in);
      print(api().put(path(id), body));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the rules with their counters (evaluations, writes, errors, last error).")
  static final class ListRules extends ClientCommand {
    @Override
    public void run() {
      showItems("/rules");
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one rule and its counters.")
  static final class Show extends ClientCommand {
    @Parameters(paramLabel = "<id>") String id;

    @Override
    public void run() {
      show(path(id));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a rule; its alerts are forgotten, the values it wrote stay.")
  static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "<id>") String id;

    @Override
    public void run() {
      delete(path(id), "deleted rule " + id);
    }
  }
}
