package io.doppel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doppel deadletters ...}: messages that could not be mapped or applied. */
@Command(name = "deadletters", mixinStandardHelpOptions = true,
    description = "List, show, replay (through the current mappings) and delete dead letters.",
    subcommands = {DeadLettersCommand.ListLetters.class, DeadLettersCommand.Show.class,
        DeadLettersCommand.Replay.class, DeadLettersCommand.Delete.class})
final class DeadLettersCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Dead letters, oldest first.")
  static final class ListLetters extends ClientCommand {
    @Option(names = "--connector", description = "Only this connector's.")
    String connector;

    @Option(names = "--after", description = "Only ids greater than this (the previous page's nextAfter).")
    Long after;

    @Option(names = "--max", description = "At most this many (1..1000, default 100).")
    Integer max;

    @Override
    public void run() {
      StringBuilder path = new StringBuilder("/deadletters?");
      if (connector != null) {
        path.append("connector=").append(ApiClient.segment(connector)).append('&');
      }
      if (after != null) {
        path.append("after=").append(after).append('&');
      }
      if (max != null) {
        path.append("maxItems=").append(max);
      }
      show(path.toString());
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One dead letter.")
  static final class Show extends ClientCommand {
    @Parameters(paramLabel = "<id>")
    long id;

    @Override
    public void run() {
      show("/deadletters/" + id);
    }
  }

  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = "Replay one dead letter, or all (of a connector): applied ones are removed.")
  static final class Replay extends ClientCommand {
    @Parameters(arity = "0..1", paramLabel = "<id>", description = "One letter (default: all).")
    Long id;

    @Option(names = "--connector", description = "Only this connector's letters.")
    String connector;

    @Override
    public void run() {
      if (id != null) {
        print(api().post("/deadletters/" + id + ":replay", ApiClient.MAPPER.createObjectNode()));
        return;
      }
      ObjectNode filter = ApiClient.MAPPER.createObjectNode();
      if (connector != null) {
        filter.put("connector", connector);
      }
      print(api().post("/deadletters:replay", filter));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a dead letter.")
  static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "<id>")
    long id;

    @Override
    public void run() {
      delete("/deadletters/" + id, "deleted " + id);
    }
  }
}
